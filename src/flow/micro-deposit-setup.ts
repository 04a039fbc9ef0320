// Which micro-deposit a run works on: the saved one, the one an interrupted create made, or a new one. A create is
// never sent twice for one request: the user's micro-deposits are listed and saved before it is sent, so a run
// killed while it was in flight is reconciled by listing again, as members are by their partner id.
import { isValidRoutingNumber } from '../domain/aba.js';
import { MICRO_DEPOSIT_FINAL } from '../domain/micro-deposits.js';
import { UsageError } from '../errors.js';
import { allMicroDeposits } from '../mx/micro-deposit-calls.js';
import type { MicroDeposit } from '../mx/micro-deposit-types.js';
import type { MicroDepositDeps } from './micro-deposit-ports.js';
import { isNotFound, savedUser } from './saved-guids.js';
import { ensureUser } from './setup.js';
import { hint, step } from '../next-step.js';

type Deps = Pick<MicroDepositDeps, 'client' | 'store' | 'progress' | 'deposits'>;

export interface ChosenMicroDeposit {
  userGuid: string;
  microDeposit: MicroDeposit;
}

export interface ChooseOptions {
  /** Make a new one even when one is saved (`micro-deposits create`, `verify --micro-deposits --new`). */
  fresh?: boolean;
  /** Keep to the saved one (resume, status): never ask for an account. */
  savedOnly?: boolean;
}

/** Refused here, before anything is sent: a mistyped routing number would only come back REJECTED. */
export function checkRoutingNumber(routing: string): void {
  if (!isValidRoutingNumber(routing)) {
    throw new UsageError(
      'The routing number is not a valid ABA routing number (nine digits whose check digit must match); nothing was sent to MX.',
      'Copy it again from a cheque or the bank\'s website, e.g. 091000019.',
    );
  }
}

/** The saved micro-deposit while MX still knows it; a gone one is forgotten. */
async function savedMicroDeposit(deps: Deps, userGuid: string): Promise<MicroDeposit | null> {
  const guid = deps.store.read().micro_deposit_guid;
  if (!guid) return null;
  try {
    return await deps.client.readMicroDeposit(userGuid, guid);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    deps.progress.warn(`MX no longer knows the saved micro-deposit ${guid}; it has been forgotten.`);
    deps.store.forget(['micro_deposit_guid', 'micro_deposit_attempts']);
    return null;
  }
}

/** The one micro-deposit an interrupted create made (not among those listed before it was sent), if any. */
async function adoptPending(deps: Deps, userGuid: string): Promise<MicroDeposit | null> {
  const known = deps.store.read().pending_micro_deposit_known;
  if (!known) return null;
  const fresh = (await allMicroDeposits(deps.client, userGuid)).filter((item) => !known.includes(item.guid));
  if (fresh.length === 0) return null;
  // More than one new: other software made some too; the latest listed is the likeliest, and it is named.
  const found = fresh.at(-1)!;
  save(deps, found.guid);
  deps.progress.info(`Found micro-deposit ${found.guid}, which an interrupted run created`);
  return deps.client.readMicroDeposit(userGuid, found.guid);
}

function save(deps: Deps, guid: string): void {
  deps.store.forget(['pending_micro_deposit_known', 'micro_deposit_attempts']);
  deps.store.update({ micro_deposit_guid: guid });
}

export async function chooseMicroDeposit(deps: Deps, options: ChooseOptions = {}): Promise<ChosenMicroDeposit> {
  const user = await savedUser(deps);
  if (user) {
    const adopted = await adoptPending(deps, user.guid);
    if (adopted) return { userGuid: user.guid, microDeposit: adopted };
    const saved = options.fresh ? null : await savedMicroDeposit(deps, user.guid);
    const failed = saved !== null && MICRO_DEPOSIT_FINAL.has(saved.status ?? '') && saved.status !== 'VERIFIED';
    if (saved && (options.savedOnly || !failed)) return { userGuid: user.guid, microDeposit: saved };
  }
  if (options.savedOnly) throw new UsageError('No micro-deposit is saved in this profile.', hint`Start one with: ${step('verify', { 'micro-deposits': true })}`);
  // Everything the create needs is asked, and checked, before anything is created at MX.
  const account = await deps.deposits.askAccount();
  checkRoutingNumber(account.routing_number);
  const userGuid = user?.guid ?? (await newUser(deps));
  const known = (await allMicroDeposits(deps.client, userGuid)).map((item) => item.guid);
  deps.store.update({ pending_micro_deposit_known: known });
  const made = await deps.client.createMicroDeposit(userGuid, account, { knownGuids: known });
  save(deps, made.guid);
  deps.progress.success(`Created micro-deposit ${made.guid}`);
  return { userGuid, microDeposit: made };
}

async function newUser(deps: Deps): Promise<string> {
  const { user, created } = await ensureUser(deps);
  if (created) deps.progress.success(`Created user ${user.guid}`);
  return user.guid;
}
