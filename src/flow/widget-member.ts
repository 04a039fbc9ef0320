// Following the member the customer made (or the one the widget was reopened on) to its end state.
import { TimeoutError } from '../errors.js';
import type { Institution, MemberStatus } from '../mx/types.js';
import { describeSeconds, endedUnsuccessfully, rememberStatus } from './poll.js';
import { findMember } from './saved-guids.js';
import { readInstitution } from './setup.js';
import { collectResult, type VerificationResult } from './verify.js';
import { readUntil, type FollowTiming } from './widget-follow.js';
import type { LinkKeeper, WidgetDeps } from './widget-link.js';
import { needsCustomer, stageLabel, widgetStage, type WidgetStage } from './widget-stages.js';
import { hint, step } from '../next-step.js';

export const nameOf = (institution: Institution | undefined): string => institution?.name ?? institution?.code ?? 'the institution';

export interface Target {
  userGuid: string;
  memberGuid: string;
  bank: Institution;
}

export interface FollowExtras {
  /** A link is out for this member: kept alive until the member first changes. */
  reopened?: { keeper: LinkKeeper; status: string | null };
  /** Members already known; while the bank refuses the customer, a new one means they chose another bank. */
  others?: { seen: Set<string> };
}

/** Follows the member to its end, then reads its numbers as verify does. */
export async function followMember(deps: WidgetDeps, timing: FollowTiming, first: Target, extras: FollowExtras): Promise<VerificationResult> {
  const { reopened, others } = extras;
  const started = deps.clock.now();
  let target = first;
  let stage: WidgetStage | undefined;
  let last: MemberStatus | undefined;
  let reads = 0;
  const final = await readUntil(deps, timing, reopened?.keeper ?? null, async () => {
    // Every other read, while the customer is stuck, looks for a member at another bank (still one read a turn).
    if (others && stage === 'retrying' && (reads += 1) % 2 === 0) {
      const moved = await memberElsewhere(deps, target.userGuid, others.seen);
      if (moved) [target, stage] = [moved, undefined];
      return undefined;
    }
    const status = await deps.client.readMemberStatus(target.userGuid, target.memberGuid);
    last = status;
    rememberStatus(deps, status.connection_status);
    if (reopened && status.connection_status !== reopened.status) reopened.keeper.stop();
    const next = widgetStage(status);
    if (next !== stage) {
      stage = next;
      deps.progress.stopWaiting();
      if (next !== 'connected' && next !== 'ended') deps.progress.startWaiting(stageLabel(next, nameOf(target.bank)));
      deps.store.update({ step: next === 'challenged' ? 'challenged' : 'verifying' });
    }
    deps.progress.updateWaiting(status.connection_status, deps.clock.now() - started);
    return next === 'connected' || next === 'ended' ? status : undefined;
  }).finally(() => {
    reopened?.keeper.stop();
    deps.progress.stopWaiting();
  });
  if (final === null) throw stillWaiting(last, stage, nameOf(target.bank), timing.deadline - started);
  if (stage === 'ended') {
    const failure = endedUnsuccessfully(final, nameOf(target.bank));
    deps.store.update({ step: 'failed', last_error: failure.message });
    throw failure;
  }
  // The customer signed in just now, so this is a verification of its own, never an earlier one reused.
  return { ...(await collectResult(deps, target.userGuid, target.memberGuid, target.bank, final)), reused: false };
}

/** A member the customer made after the one followed (they went back to search): saved and followed instead. */
async function memberElsewhere(deps: WidgetDeps, userGuid: string, seen: Set<string>): Promise<Target | null> {
  const member = (await findMember(deps, userGuid, (candidate) => !seen.has(candidate.guid))).at(-1);
  if (!member) return null;
  seen.add(member.guid);
  deps.store.update({ member_guid: member.guid, institution_code: member.institution_code ?? undefined, step: 'verifying', history: [] });
  const bank = await readInstitution(deps, member.institution_code ?? '');
  deps.progress.success(`The customer chose ${nameOf(bank)} instead: member ${member.guid}`);
  return { userGuid, memberGuid: member.guid, bank };
}

function stillWaiting(last: MemberStatus | undefined, stage: WidgetStage | undefined, name: string, waitedMs: number): TimeoutError {
  const status = last?.connection_status ?? 'without a status';
  const next =
    stage && needsCustomer(stage)
      ? hint`When the customer can finish, reopen the widget on this member with: ${step('resume', { widget: true })}`
      : hint`Keep waiting with: ${step('resume')} (or give more time with --timeout)`;
  return new TimeoutError(`${name} was still ${status} after ${describeSeconds(waitedMs)}.`, next);
}
