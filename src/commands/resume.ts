import type { CommandInput } from '../cli/command-kit.js';
import { openRuntime } from '../cli/session.js';
import { ConfigError, UsageError } from '../errors.js';
import { pollTiming } from './durations.js';
import { checkGuidFlag, withLookupHint } from './guid-flags.js';
import { resumeMicroDeposit, resumesMicroDeposit } from './micro-deposits-fallback.js';
import { readPresets } from './presets.js';
import { verifyAndReport, type VerifyFlags } from './verify.js';

export interface ResumeFlags extends VerifyFlags {
  user?: string;
  member?: string;
}

/** Picks up where an interrupted run stopped: an unanswered challenge, a job still running, or an unfinished step. */
export async function run({ globals, options, signal }: CommandInput<ResumeFlags>) {
  const user = checkGuidFlag('USR', '--user', options.user);
  const member = checkGuidFlag('MBR', '--member', options.member);
  const runtime = await openRuntime(globals, signal, await readPresets(options, { signal }));
  try {
    // A wrong duration is the user's to fix before anything is looked up.
    pollTiming(runtime.connection, options);
    const saved = runtime.store.read();
    const userGuid = user ?? saved.user_guid;
    if (member && !userGuid) {
      throw new UsageError(`--member needs the user it belongs to: add --user USR-....`, 'Find the user with: mx-iav users');
    }
    // A typed guid MX does not know is a typo to report, not a saved guid to forget and replace.
    if (userGuid && (user || member)) {
      const target = { userGuid, memberGuid: member ?? '', typed: { user: Boolean(user), member: Boolean(member), account: false } };
      await withLookupHint(runtime, target, async () => {
        await (member ? runtime.client.readMember(userGuid, member) : runtime.client.readUser(userGuid));
      });
    }
    // The micro-deposit an earlier run saved: waiting for the deposits, or asking for the amounts.
    if (!member && (await resumesMicroDeposit(runtime))) return await resumeMicroDeposit(runtime, options);
    if (user) runtime.store.update({ user_guid: user });
    if (member) runtime.store.update({ member_guid: member, step: 'verifying' });
    const state = runtime.store.read();
    if (!state.user_guid && !state.pending_user_id && !state.institution_code) {
      throw new ConfigError(
        `There is nothing to resume in profile "${globals.profile}" for ${runtime.connection.environment}.`,
        'Start a verification with: mx-iav verify',
      );
    }
    await verifyAndReport(runtime, { ...options, new: false });
  } finally {
    await runtime.close();
  }
}
