import type { AccountOwner } from '../mx/payment-types.js';
import type { Account, AccountNumber } from '../mx/types.js';
import { assertOwner, ownerMatches } from './payment-owner.js';
import { pollToEnd, type PollTiming } from './poll.js';
import type { FlowDeps } from './ports.js';

// MX's "payment verification": the verified account, its owner, and its balance before money moves. Identification
// and the balance check are jobs on the member, followed to their end by the same loop as verification (challenges
// included), then read.

export type PaymentCheckKind = 'owner' | 'balance';

export interface PaymentAsk {
  owner: boolean;
  balance: boolean;
  /** Exit 5 unless an owner of a verified account has this name. */
  expectOwner?: string;
  /** The member's create already ran identification (v20250224 data_request): read its owners rather than ask again. */
  identifiedAtCreate?: boolean;
}

export interface PaymentTarget {
  userGuid: string;
  memberGuid: string;
  institutionName: string;
}

/** One verified account as a payment needs it; owner and balance fields are null when not asked for. */
export interface PaymentCheck {
  account_guid: string | null;
  account_number: AccountNumber;
  account: Account | null;
  owners: AccountOwner[] | null;
  owner_matches: boolean | null;
  balance_checked: boolean;
}

export interface PaymentOutcome {
  checks: PaymentCheck[];
  /** The accounts as read after the balance check (or as given when none was asked for). */
  accounts: Account[];
}

export async function runPaymentChecks(
  deps: FlowDeps,
  target: PaymentTarget,
  ask: PaymentAsk,
  timing: PollTiming,
  verified: { numbers: AccountNumber[]; accounts: Account[] },
): Promise<PaymentOutcome> {
  const owners = ask.owner ? await identify(deps, target, timing, ask.identifiedAtCreate === true) : null;
  const accounts = ask.balance ? await checkBalance(deps, target, timing) : verified.accounts;
  deps.store.update({ step: 'done' });
  const checks = verified.numbers.map((number): PaymentCheck => {
    const mine = owners?.filter((owner) => owner.account_guid === number.account_guid) ?? null;
    return {
      account_guid: number.account_guid,
      account_number: number,
      account: accounts.find((account) => account.guid === number.account_guid) ?? null,
      owners: mine,
      owner_matches: mine && ask.expectOwner !== undefined ? mine.some((owner) => ownerMatches(owner, ask.expectOwner ?? '')) : null,
      balance_checked: ask.balance,
    };
  });
  if (ask.expectOwner !== undefined) assertOwner(checks.flatMap((check) => check.owners ?? []), ask.expectOwner, target.institutionName);
  return { checks, accounts };
}

async function identify(deps: FlowDeps, target: PaymentTarget, timing: PollTiming, atCreate: boolean): Promise<AccountOwner[]> {
  if (atCreate) {
    const found = await deps.client.listAccountOwnersByMember(target.userGuid, target.memberGuid);
    if (found.length > 0) return found;
  }
  await deps.client.identifyMember(target.userGuid, target.memberGuid);
  deps.store.update({ step: 'verifying' });
  deps.progress.info('Identifying the account owners');
  await pollToEnd(deps, { ...timing, ...target });
  const owners = await deps.client.listAccountOwnersByMember(target.userGuid, target.memberGuid);
  const people = new Set(owners.map((owner) => owner.owner_name)).size;
  deps.progress.success(people === 1 ? 'Found 1 account owner' : `Found ${people} account owners`);
  return owners;
}

async function checkBalance(deps: FlowDeps, target: PaymentTarget, timing: PollTiming): Promise<Account[]> {
  await deps.client.checkBalances(target.userGuid, target.memberGuid);
  deps.store.update({ step: 'verifying' });
  deps.progress.info('Checking the balances');
  await pollToEnd(deps, { ...timing, ...target });
  const accounts = await deps.client.listMemberAccounts(target.userGuid, target.memberGuid);
  deps.progress.success('Balances read');
  return accounts;
}
