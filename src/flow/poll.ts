import { TimeoutError, VerificationError } from '../errors.js';
import type { Challenge, MemberStatus } from '../mx/types.js';
import { describeStatus } from './status-messages.js';
import { isAccountSelectionChallenge, isSupportedChallenge } from '../domain/challenges.js';
import type { FlowDeps } from './ports.js';
import { isKnownStatus } from '../domain/statuses.js';
import { decide } from './decisions.js';
import { hint, step } from '../next-step.js';

export interface PollTiming {
  timeoutMs: number;
  /** The first read comes sooner than the rest: most sandbox jobs and many MX steps have moved on by then. */
  firstPollDelayMs: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
}

export interface PollOptions extends PollTiming {
  userGuid: string;
  memberGuid: string;
  institutionName: string;
}

const HISTORY_LIMIT = 50;

/** Polls the member until it is connected and done, answering every challenge on the way; throws on any other end. */
export async function pollToEnd(deps: FlowDeps, options: PollOptions): Promise<MemberStatus> {
  let answerIndex = 0;
  for (;;) {
    const status = await waitForDecision(deps, options);
    const decision = decide(status);
    if (decision === 'connected') return status;
    if (decision === 'ended') throw endedUnsuccessfully(status, options.institutionName);
    answerIndex = await answerChallenges(deps, options, status, answerIndex);
  }
}

export interface WatchResult {
  /** The last status read. */
  status: MemberStatus;
  timedOut: boolean;
}

/**
 * The one polling loop (verify, resume, OAuth and status --watch): reads the member's status until `done` says so
 * or the timeout passes. The timeout bounds the whole wait, sleeps included. The first read always happens; after
 * it, a read that would fall past the deadline is not made (so reads stay at least an interval apart, as MX asks).
 */
export async function watchStatus(
  deps: Pick<FlowDeps, 'client' | 'clock'>,
  target: { userGuid: string; memberGuid: string },
  timing: PollTiming,
  done: (status: MemberStatus, elapsedMs: number) => boolean,
): Promise<WatchResult> {
  const { client, clock } = deps;
  const started = clock.now();
  const deadline = started + timing.timeoutMs;
  let delay = Math.min(timing.firstPollDelayMs, timing.timeoutMs);
  for (;;) {
    if (delay > 0) await clock.sleep(delay, timing.signal);
    timing.signal?.throwIfAborted();
    const readAt = clock.now();
    const status = await client.readMemberStatus(target.userGuid, target.memberGuid);
    if (done(status, clock.now() - started)) return { status, timedOut: false };
    // Timed from this read's start, not its end, so reads keep in step with the job's clock instead of drifting
    // later by each request's duration; two reads still start at least an interval apart.
    const nextReadAt = readAt + timing.pollIntervalMs;
    if (nextReadAt > deadline) {
      const left = deadline - clock.now();
      if (left > 0) await clock.sleep(left, timing.signal);
      return { status, timedOut: true };
    }
    delay = Math.max(0, nextReadAt - clock.now());
  }
}

export interface WaitOptions {
  /** What the spinner says. */
  label?: string;
  /**
   * A status left over from an earlier attempt (an OAuth member DENIED before a new link): it means "still
   * waiting" until the status first changes.
   */
  staleStatus?: string | null;
}

/** Reads the status until there is something to do: answer a challenge, finish, or report the end. */
export async function waitForDecision(deps: FlowDeps, options: PollOptions, wait: WaitOptions = {}): Promise<MemberStatus> {
  const { progress } = deps;
  progress.startWaiting(wait.label ?? `Waiting for ${options.institutionName}`);
  let stale = wait.staleStatus;
  try {
    const { status, timedOut } = await watchStatus(deps, options, options, (read, elapsedMs) => {
      rememberStatus(deps, read.connection_status);
      progress.updateWaiting(read.connection_status, elapsedMs);
      if (read.connection_status !== stale) stale = undefined;
      return decide(read) !== 'wait' && stale === undefined;
    });
    if (timedOut) {
      throw new TimeoutError(
        `${options.institutionName} was still ${status.connection_status ?? 'working'} after ${describeSeconds(options.timeoutMs)}.`,
        hint`Keep waiting with: ${step('resume')} (or give more time with --timeout)`,
      );
    }
    return status;
  } finally {
    progress.stopWaiting();
  }
}

export const describeSeconds = (ms: number): string => `${Math.round(ms / 1000)} seconds`;

async function answerChallenges(
  deps: FlowDeps,
  options: PollOptions,
  status: MemberStatus,
  answerIndex: number,
): Promise<number> {
  const challenges = status.challenges?.length
    ? status.challenges
    : await deps.client.listMemberChallenges(options.userGuid, options.memberGuid);
  deps.store.update({ step: 'challenged' });
  const answers = [];
  let index = answerIndex;
  for (const challenge of challenges) {
    assertAnswerable(challenge);
    const isAccountSelection = isAccountSelectionChallenge(challenge);
    const value = await deps.prompter.answerChallenge(challenge, { answerIndex: index, isAccountSelection });
    if (!isAccountSelection) index += 1;
    answers.push({ guid: challenge.guid ?? '', value });
  }
  if (answers.length > 0) {
    await deps.client.resumeAggregation(options.userGuid, options.memberGuid, answers);
    deps.progress.success(answers.length === 1 ? 'Answer sent' : `${answers.length} answers sent`);
  }
  deps.store.update({ step: 'verifying' });
  return index;
}

function assertAnswerable(challenge: Challenge) {
  if (!challenge.guid) {
    throw new VerificationError('CHALLENGED', 'MX sent a challenge without a guid, so it cannot be answered.');
  }
  if (!isSupportedChallenge(challenge)) {
    throw new VerificationError(
      'CHALLENGED',
      `MX sent a challenge of type "${String(challenge.type).slice(0, 40)}", which mx-iav cannot answer.`,
      'Answer it in MX Connect, or report this to the mx-iav maintainers.',
    );
  }
}

export function rememberStatus(deps: Pick<FlowDeps, 'store' | 'clock'>, status: string | null) {
  const history = deps.store.read().history ?? [];
  if (history.at(-1)?.status === status && history.length > 0) return;
  const entry = { at: new Date(deps.clock.now()).toISOString(), status: status?.slice(0, 40) ?? null };
  deps.store.update({ history: [...history, entry].slice(-HISTORY_LIMIT) });
}

export function endedUnsuccessfully(status: MemberStatus, institutionName: string): VerificationError {
  const connection = status.connection_status;
  if (!isKnownStatus(connection)) {
    return new VerificationError(
      connection,
      `MX reported the status "${String(connection).slice(0, 40)}", which mx-iav does not know, and stopped working on the member.`,
      hint`Look it up with: ${step('status')}`,
    );
  }
  const described = describeStatus(connection, institutionName);
  return new VerificationError(connection, described.sentence, described.hint);
}
