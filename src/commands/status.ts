import { TimeoutError, VerificationError } from '../errors.js';
import { decide } from '../flow/decisions.js';
import { describeSeconds, watchStatus, type PollTiming } from '../flow/poll.js';
import { describeStatus } from '../flow/status-messages.js';
import type { MemberStatus } from '../mx/types.js';
import type { CommandInput } from '../session/command-kit.js';
import { formatHint, nextStepsJson } from '../session/next-steps.js';
import { openRuntime, type Runtime } from '../session/runtime.js';
import { sanitize } from '../ui/sanitize.js';
import { pollTiming } from '../session/durations.js';
import { targetMember, withLookupHint, type Target } from './guid-flags.js';
import { showsMicroDeposit } from './micro-deposits-fallback.js';
import { reportMicroDeposit } from './micro-deposits-run.js';
import { emit } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { statusOptions } from './specs/tools.js';
import { hint, step } from '../next-step.js';

type Options = OptionsOf<typeof statusOptions>;

type Report = (status: MemberStatus) => { json: object; line: string; hint: string | undefined };

export async function run({ globals, options, signal }: CommandInput<Options>) {
  const runtime = await openRuntime(globals, signal);
  try {
    // Checked first: a wrong duration is the user's to fix before anything is looked up.
    const timing = options.watch ? { ...pollTiming(runtime.connection, options), firstPollDelayMs: 0, signal } : null;
    if (showsMicroDeposit(runtime, options)) {
      const { user_guid: userGuid = '', micro_deposit_guid: guid = '' } = runtime.store.read();
      return reportMicroDeposit(runtime, userGuid, await runtime.client.readMicroDeposit(userGuid, guid), {});
    }
    const target = targetMember(runtime, options);
    const { userGuid, memberGuid } = target;
    const member = await withLookupHint(runtime, target, () => runtime.client.readMember(userGuid, memberGuid));
    const institution = sanitize(member.name ?? member.institution_code ?? 'the institution');
    const report: Report = (status) => {
      const described = describeStatus(status.connection_status, institution);
      const { sentence } = described;
      const hint = formatHint(described.hint, globals.invocation);
      const next = described.hint ? { next_steps: nextStepsJson(described.hint, globals.invocation) } : {};
      const at = new Date(runtime.clock.now()).toISOString();
      const line = `${at}  ${sanitize(status.connection_status ?? 'no status')}${status.is_being_aggregated ? ' (working)' : ''}  ${sanitize(sentence)}`;
      const json = { at, member_guid: memberGuid, user_guid: userGuid, institution: member.institution_code, ...status, message: sentence, hint, ...next };
      return { json, line, hint };
    };
    if (timing) return await watch(runtime, timing, target, institution, report);
    const { json, line, hint } = report(await runtime.client.readMemberStatus(userGuid, memberGuid));
    emit(globals, json, () => `${line}${hint ? `\n  ${hint}` : ''}`);
  } finally {
    await runtime.close();
  }
}

/**
 * Prints each change of status as it is read (under --json, one JSON object per line), through a challenge, until
 * the member connects or stops; past --timeout it ends with exit 7, like every wait.
 */
async function watch(runtime: Runtime, timing: PollTiming, target: Target, institution: string, report: Report) {
  let last = '';
  const { status, timedOut } = await watchStatus(runtime, target, timing, (read) => {
    const key = `${read.connection_status}/${read.is_being_aggregated}`;
    if (key !== last) {
      const { json, line, hint } = report(read);
      runtime.globals.io.stdout.write(runtime.globals.json ? `${JSON.stringify(json)}\n` : `${line}\n${hint ? `  ${hint}\n` : ''}`);
    }
    last = key;
    const decision = decide(read);
    return decision === 'connected' || decision === 'ended';
  });
  // A watch that ends without connecting ends as a verification does (exit 5), so a script can tell DENIED from
  // CONNECTED; the line above already said why, and the error repeats it with its hint.
  if (!timedOut && decide(status) === 'ended') {
    const described = describeStatus(status.connection_status, institution);
    throw new VerificationError(status.connection_status, described.sentence, described.hint, 'watch_ended');
  }
  if (timedOut) {
    throw new TimeoutError(
      `${institution} was still ${sanitize(status.connection_status ?? 'working')} after ${describeSeconds(timing.timeoutMs)}.`,
      hint`Keep watching with: ${step('status', { watch: true })} (or give more time with --timeout)`,
    );
  }
}
