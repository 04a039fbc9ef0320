import type { Runtime } from '../session/runtime.js';
import { isValidRoutingNumber } from '../domain/aba.js';
import { maskAccountNumber } from '../domain/masking.js';
import { runPaymentChecks, type PaymentAsk, type PaymentCheck, type PaymentCheckKind, type PaymentOutcome, type PaymentTarget } from '../flow/payment-check.js';
import type { FlowState, Store } from '../flow/ports.js';
import type { AccountOwner } from '../mx/payment-types.js';
import type { Account, AccountNumber } from '../mx/types.js';
import { formatPaymentChecks, type PaymentCheckRow } from '../ui/payment-table.js';
import { pollTiming } from '../session/durations.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { paymentOptions } from './specs/shared.js';

/** The owner and balance flags, with the waiting the checks do (verify's, or account-numbers' own). */
export type PaymentFlags = OptionsOf<typeof paymentOptions> & Parameters<typeof pollTiming>[1];

/**
 * What was asked: the flags, else (resume) what the run that started it asked, as saved. `--expect-owner` implies
 * `--owner`. Returns null when neither is wanted. A new ask is saved before any job, so `resume` knows it.
 */
export function paymentAsk(runtime: Runtime, flags: PaymentFlags, options: { fallBackToSaved: boolean }): PaymentAsk | null {
  const owner = flags.owner === true || flags.expectOwner !== undefined;
  const balance = flags.balance === true;
  if (!owner && !balance) {
    const saved = runtime.store.read().payment_checks ?? [];
    if (!options.fallBackToSaved) {
      // A run without them asks for the numbers only, and so does a resume of it.
      if (saved.length > 0) runtime.store.forget(['payment_checks']);
      return null;
    }
    if (saved.length === 0) return null;
    return { owner: saved.includes('owner'), balance: saved.includes('balance') };
  }
  const kinds: PaymentCheckKind[] = [...(owner ? (['owner'] as const) : []), ...(balance ? (['balance'] as const) : [])];
  runtime.store.update({ payment_checks: kinds });
  return { owner, balance, ...(flags.expectOwner !== undefined ? { expectOwner: flags.expectOwner } : {}) };
}

/** Steps and status history for a member that is not the profile's saved one are kept for this run only. */
function detachedStore(): Store {
  let state: FlowState = {};
  return {
    read: () => ({ ...state }),
    update: (patch) => (state = { ...state, ...patch }),
    forget: (keys) => (state = Object.fromEntries(Object.entries(state).filter(([key]) => !keys.includes(key as keyof FlowState)))),
  };
}

export function runPayment(
  runtime: Runtime,
  target: PaymentTarget,
  ask: PaymentAsk,
  flags: PaymentFlags,
  verified: { numbers: AccountNumber[]; accounts: Account[] },
): Promise<PaymentOutcome> {
  const saved = runtime.store.read().member_guid === target.memberGuid;
  const deps = saved ? runtime : { ...runtime, store: detachedStore() };
  return runPaymentChecks(deps, target, ask, { ...pollTiming(runtime.connection, flags), signal: runtime.signal }, verified);
}

export interface OwnerView {
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  address: { street: string | null; city: string | null; state: string | null; postal_code: string | null; country: string | null };
}

const ownerView = (owner: AccountOwner): OwnerView => ({
  name: owner.owner_name,
  first_name: owner.first_name,
  last_name: owner.last_name,
  email: owner.email,
  phone: owner.phone,
  address: { street: owner.address, city: owner.city, state: owner.state, postal_code: owner.postal_code, country: owner.country },
});

/** One line of address: "123 Easy St, Schenectady NY 12345 US", or null when MX gave none. */
function addressLine(owner: AccountOwner): string | null {
  const place = [owner.city, [owner.state, owner.postal_code].filter(Boolean).join(' '), owner.country].filter(Boolean).join(' ');
  const text = [owner.address, place].filter(Boolean).join(', ');
  return text === '' ? null : text;
}

export type PaymentCheckView = Omit<PaymentCheckRow, 'owners'> & {
  account_guid: string | null;
  account_type: string | null;
  account_number_masked: boolean;
  owners: OwnerView[] | null;
};

/** The JSON view and the table row of one account, from the same values. */
function view(check: PaymentCheck, reveal: boolean): { json: PaymentCheckView; row: PaymentCheckRow } {
  const number = check.account_number;
  const account = check.account;
  const common = {
    account_name: account?.name ?? null,
    account_number: reveal || number.account_number === null ? number.account_number : maskAccountNumber(number.account_number),
    routing_number: number.routing_number,
    routing_number_checksum_valid: number.routing_number ? isValidRoutingNumber(number.routing_number) : null,
    passed_validation: number.passed_validation,
    owner_matches: check.owner_matches,
    available_balance: check.balance_checked ? (account?.available_balance ?? null) : null,
    balance: check.balance_checked ? (account?.balance ?? null) : null,
    currency_code: account?.currency_code ?? null,
    // The spec's AccountResponse has no balance time of its own: updated_at is when MX last updated the account.
    balance_updated_at: check.balance_checked ? (account?.updated_at ?? null) : null,
    balance_checked: check.balance_checked,
  };
  return {
    json: {
      account_guid: check.account_guid,
      account_type: account?.type ?? null,
      account_number_masked: !reveal,
      ...common,
      owners: check.owners?.map(ownerView) ?? null,
    },
    row: { ...common, owners: check.owners?.map((owner) => ({ name: owner.owner_name, address: addressLine(owner) })) ?? null },
  };
}

/** `payment_checks` for --json (account numbers masked unless --reveal). */
export function paymentJson(outcome: PaymentOutcome, reveal: boolean): { payment_checks: PaymentCheckView[] } {
  return { payment_checks: outcome.checks.map((check) => view(check, reveal).json) };
}

export function paymentTable(outcome: PaymentOutcome, options: { reveal: boolean; color: boolean }): string {
  return formatPaymentChecks(outcome.checks.map((check) => view(check, options.reveal).row), options);
}
