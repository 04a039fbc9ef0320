import type { Random } from './random.js';
import { identifyOwners } from './owners.js';
import type { JobKind, StoredAccount, StoredMember } from './types.js';

/** Deposit accounts have money available; MX sends null available_balance for cards and loans. */
const hasAvailable = (account: StoredAccount): boolean => account.type !== 'CREDIT_CARD' && account.type !== 'LOAN';

/**
 * The one place the member's balances change: a finished check_balance job calls it, and so may anything else that
 * moves money at the sandbox's bank (`amounts`: new current balances by account guid). Every account is stamped
 * with `at` (the sandbox clock's time, as jobs.ts isoSeconds writes it), and the accounts whose balance changed are returned, for a BALANCE webhook.
 */
export function updateBalances(member: StoredMember, at: string, amounts: ReadonlyMap<string, number> = new Map()): StoredAccount[] {
  const changed: StoredAccount[] = [];
  for (const account of member.accounts) {
    const next = amounts.get(account.guid) ?? account.balance;
    const available = hasAvailable(account) ? next : null;
    if (next !== account.balance || account.availableBalance !== available) changed.push(account);
    account.balance = next;
    account.availableBalance = available;
    account.balanceUpdatedAt = at;
  }
  return changed;
}

/**
 * What a successful job adds besides connecting: identification finds the owners (so does a v20250224
 * verification whose create's data_request asked for identity_verification: "the AOI runs after the primary
 * process"), a balance check refreshes the balances.
 */
export function applyPaymentResults(engine: { random: Random }, member: StoredMember, kind: JobKind, at: string): void {
  const identityAsked = kind === 'verification' && (member.products ?? []).includes('identity_verification');
  if (kind === 'identification' || identityAsked) identifyOwners(engine, member);
  if (kind === 'balance') updateBalances(member, at);
}
