import { describeStatus } from '../flow/status-messages.js';
import { decide } from '../flow/statuses.js';
import type { MemberStatus } from '../mx/types.js';
import type { CommandInput } from '../cli/command-kit.js';
import { openRuntime, type Runtime } from '../cli/session.js';
import { sanitize } from '../ui/sanitize.js';
import { pollTiming } from './durations.js';
import { targetMember } from './guid-flags.js';
import { emit } from './output.js';

export interface StatusFlags {
  user?: string;
  member?: string;
  watch?: boolean;
  pollInterval?: string;
  timeout?: string;
}

export async function run({ globals, options, signal }: CommandInput<StatusFlags>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const { userGuid, memberGuid } = targetMember(runtime, options);
    const member = await runtime.client.readMember(userGuid, memberGuid);
    const institution = sanitize(member.name ?? member.institution_code ?? 'the institution');
    const show = (status: MemberStatus) => {
      const { sentence } = describeStatus(status.connection_status, institution);
      return `${new Date(runtime.clock.now()).toISOString()}  ${sanitize(status.connection_status ?? 'no status')}${status.is_being_aggregated ? ' (working)' : ''}  ${sanitize(sentence)}`;
    };
    let status = await runtime.client.readMemberStatus(userGuid, memberGuid);
    if (options.watch) status = await watch(runtime, options, userGuid, memberGuid, status, show);
    const { sentence, hint } = describeStatus(status.connection_status, institution);
    // --watch has already printed every status line; only the hint (if any) is left to say.
    if (options.watch && !globals.json && !hint) return;
    emit(globals, { member_guid: memberGuid, user_guid: userGuid, institution: member.institution_code, ...status, message: sentence, hint }, () =>
      options.watch ? `  ${hint}` : `${show(status)}${hint ? `\n  ${hint}` : ''}`,
    );
  } finally {
    await runtime.close();
  }
}

/** Prints each change of status with its time, until the member stops working (or the timeout). */
async function watch(
  runtime: Runtime,
  options: StatusFlags,
  userGuid: string,
  memberGuid: string,
  first: MemberStatus,
  show: (status: MemberStatus) => string,
): Promise<MemberStatus> {
  const timing = pollTiming(runtime.connection, options);
  const started = runtime.clock.now();
  let status = first;
  let last = '';
  for (;;) {
    const key = `${status.connection_status}/${status.is_being_aggregated}`;
    if (key !== last && !runtime.globals.json) process.stdout.write(`${show(status)}\n`);
    last = key;
    if (decide(status) !== 'wait' || runtime.clock.now() - started >= timing.timeoutMs) return status;
    await runtime.clock.sleep(timing.pollIntervalMs, runtime.signal);
    status = await runtime.client.readMemberStatus(userGuid, memberGuid);
  }
}
