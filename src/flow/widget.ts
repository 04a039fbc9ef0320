// Verification through MX's Connect widget: the customer signs in themselves, in their own browser, and the CLI
// follows. MX's verification guide: "poll the member's verification status until an end state is reached". The
// member is not handed over (a widget in a browser tab has no one to post its events to), so it is found as the
// user's member that was not there before the link (shared/mx-verification-extras.md §2.4, option 1).
import { ConfigError, TimeoutError, UsageError } from '../errors.js';
import type { Institution, Member, UserCreate, WidgetUrlRequest } from '../mx/types.js';
import { describeSeconds } from './poll.js';
import { findMember, savedMember, savedUser } from './saved-guids.js';
import { ensureUser, readInstitution } from './setup.js';
import type { VerificationResult } from './verify.js';
import { readUntil, type FollowTiming } from './widget-follow.js';
import { keepLink, type LinkKeeper, type WidgetDeps } from './widget-link.js';
import { followMember, nameOf } from './widget-member.js';
import { needsCustomer, waitingForCustomer, widgetStage } from './widget-stages.js';
import { hint, step } from '../next-step.js';

export interface WidgetOptions {
  /** Opens the widget on this institution, search turned off. */
  institutionCode?: string;
  owner?: boolean;
  colorScheme?: 'light' | 'dark';
  locale?: string;
  /** How long a link is taken to live (MX: ten minutes). */
  linkLifetimeMs: number;
  newUser?: UserCreate;
  timeoutMs: number;
  firstPollDelayMs: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
}

const requestOf = (options: WidgetOptions): WidgetUrlRequest => ({
  owner: options.owner,
  colorScheme: options.colorScheme,
  locale: options.locale,
});

const timingOf = (deps: WidgetDeps, options: WidgetOptions): FollowTiming => ({
  deadline: deps.clock.now() + options.timeoutMs,
  firstPollDelayMs: options.firstPollDelayMs,
  pollIntervalMs: options.pollIntervalMs,
  signal: options.signal,
});

/** `verify --widget`: a link for the customer, then the member they make, followed to its end. */
export async function runWidgetVerification(deps: WidgetDeps, options: WidgetOptions): Promise<VerificationResult> {
  const timing = timingOf(deps, options);
  const { user, created } = await ensureUser(deps, options.newUser);
  if (created) deps.progress.success(`Created user ${user.guid}`);
  const institution = options.institutionCode ? await institutionForWidget(deps, options.institutionCode) : undefined;
  // Taken before the link exists, so that any member not in it is the customer's (a user just made has none).
  const before = new Set(created ? [] : (await findMember(deps, user.guid, () => true)).map((member) => member.guid));
  const request = { ...requestOf(options), institutionCode: institution?.code ?? undefined };
  const keeper = keepLink(deps, user.guid, request, options.linkLifetimeMs);
  await keeper.start();
  const member = await awaitNewMember(deps, timing, keeper, user.guid, before, institution);
  // Saved at once: status, resume and report carry on from here, and so does a run interrupted now.
  deps.store.forget(['pending_member_id', 'last_error']);
  deps.store.update({ member_guid: member.guid, institution_code: member.institution_code ?? undefined, step: 'verifying', history: [] });
  const bank = institution?.code === member.institution_code && institution ? institution : await readInstitution(deps, member.institution_code ?? '');
  deps.progress.success(`The customer chose ${nameOf(bank)}: member ${member.guid}`);
  // A customer the bank refused may go back and choose another bank: that member is followed instead.
  const others = { seen: new Set([...before, member.guid]) };
  return followMember(deps, timing, { userGuid: user.guid, memberGuid: member.guid, bank }, { others });
}

/** `resume --widget`: reopens the widget on the saved member when it needs the customer, then follows it. */
export async function resumeInWidget(deps: WidgetDeps, options: WidgetOptions): Promise<VerificationResult> {
  const timing = timingOf(deps, options);
  const user = await savedUser(deps);
  const member = user ? await savedMember(deps, user.guid) : null;
  if (!user || !member) {
    throw new ConfigError('There is no saved member to reopen in the widget.', hint`Start one with: ${step('verify', { widget: true })}`);
  }
  const bank = await readInstitution(deps, member.institution_code ?? '');
  const status = await deps.client.readMemberStatus(user.guid, member.guid);
  const target = { userGuid: user.guid, memberGuid: member.guid, bank };
  const shown = status.connection_status ?? 'without a status';
  if (!needsCustomer(widgetStage(status))) {
    deps.progress.info(`Member ${member.guid} at ${nameOf(bank)} is ${shown}; it does not need the customer, so following it`);
    return followMember(deps, timing, target, {});
  }
  deps.progress.info(`Member ${member.guid} at ${nameOf(bank)} is ${shown}; reopening the widget on it for the customer`);
  const keeper = keepLink(deps, user.guid, { ...requestOf(options), memberGuid: member.guid }, options.linkLifetimeMs);
  await keeper.start();
  return followMember(deps, timing, target, { reopened: { keeper, status: status.connection_status } });
}

async function institutionForWidget(deps: WidgetDeps, code: string): Promise<Institution> {
  const institution = await readInstitution(deps, code);
  if (!deps.client.version.offersVerification(institution)) {
    throw new UsageError(`${nameOf(institution)} does not support instant account verification.`, hint`Pick another institution: ${step('search-institution', 'NAME')}`);
  }
  return institution;
}

async function awaitNewMember(
  deps: WidgetDeps,
  timing: FollowTiming,
  keeper: LinkKeeper,
  userGuid: string,
  before: ReadonlySet<string>,
  institution: Institution | undefined,
): Promise<Member> {
  const started = deps.clock.now();
  deps.progress.startWaiting(waitingForCustomer(institution ? nameOf(institution) : undefined));
  try {
    const member = await readUntil(deps, timing, keeper, async () => {
      const fresh = await findMember(deps, userGuid, (candidate) => !before.has(candidate.guid));
      deps.progress.updateWaiting(null, deps.clock.now() - started);
      return fresh.at(-1);
    });
    if (member) return member;
    throw new TimeoutError(
      `The customer had not ${institution ? `signed in to ${nameOf(institution)}` : 'chosen a bank'} after ${describeSeconds(timing.deadline - started)}.`,
      hint`Send a new link when they are ready: ${step('verify', { widget: true })} (give more time with --timeout)`,
    );
  } finally {
    keeper.stop();
    deps.progress.stopWaiting();
  }
}
