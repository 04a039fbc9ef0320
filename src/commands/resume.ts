import type { CommandInput } from '../session/command-kit.js';
import { addressHintsTo, hintFor } from '../session/next-steps.js';
import { openRuntime, writeErr, type Runtime } from '../session/runtime.js';
import { ConfigError, UsageError } from '../errors.js';
import { cleared } from '../flow/setup.js';
import { pollTiming } from '../session/durations.js';
import { checkGuidFlag, withLookupHint } from './guid-flags.js';
import { resumeMicroDeposit, resumesMicroDeposit } from './micro-deposits-fallback.js';
import { readPresets } from './presets.js';
import type { ResumeOptions } from './specs/guide.js';
import { verifyAndReport } from './verify.js';
import { hint, step } from '../next-step.js';

/** Picks up where an interrupted run stopped: an unanswered challenge, a job still running, or an unfinished step. */
export async function run({ globals, options, signal }: CommandInput<ResumeOptions>) {
  const user = checkGuidFlag('USR', '--user', options.user);
  const member = checkGuidFlag('MBR', '--member', options.member);
  const runtime = await openRuntime(globals, signal, await readPresets(options, { io: globals.io, signal }));
  try {
    // A wrong duration is the user's to fix before anything is looked up.
    pollTiming(runtime.connection, options);
    const saved = runtime.store.read();
    const userGuid = user ?? saved.user_guid;
    if (member && !userGuid) {
      throw new UsageError(`--member needs the user it belongs to: add --user USR-....`, hint`Find the user with: ${step('users')}`);
    }
    // A typed guid MX does not know is a typo to report, not a saved guid to forget and replace.
    if (userGuid && (user || member)) {
      const target = { userGuid, memberGuid: member ?? '', typed: { user: Boolean(user), member: Boolean(member), account: false } };
      await withLookupHint(runtime, target, async () => {
        await (member ? runtime.client.readMember(userGuid, member) : runtime.client.readUser(userGuid));
      });
    }
    // The micro-deposit an earlier run saved (waiting for the deposits, or asking for the amounts): the saved user's,
    // so not when --user names another.
    const ownMicroDeposit = !member && (!user || user === saved.user_guid);
    if (ownMicroDeposit && (await resumesMicroDeposit(runtime))) return await resumeMicroDeposit(runtime, options);
    if (userGuid && (user || member)) switchTo(runtime, globals.profile, userGuid, member);
    const state = runtime.store.read();
    if (!state.user_guid && !state.pending_user_id && !state.institution_code) {
      throw new ConfigError(
        `There is nothing to resume in profile "${globals.profile}" for ${runtime.connection.environment}.`,
        hint`Start a verification with: ${step('verify')}`,
      );
    }
    await verifyAndReport(runtime, { ...options, new: false }, { fallBackToSaved: true });
  } finally {
    await runtime.close();
  }
}

/**
 * The profile follows the addressed user and member from now on, so what this run does (a member it creates, a
 * challenge left unanswered) stays saved and resumable. Replacing the saved ones is said, with the command back.
 */
export function switchTo(runtime: Runtime, profile: string, userGuid: string, memberGuid: string | undefined) {
  const saved = runtime.store.read();
  addressHintsTo(runtime.globals.invocation, { user: userGuid, member: memberGuid });
  if (saved.user_guid === userGuid && (memberGuid === undefined || saved.member_guid === memberGuid)) return;
  // A member belongs to one user: a new user without --member starts without one (the next step creates it).
  const member = memberGuid ? { member_guid: memberGuid, step: 'verifying' as const } : cleared(['member_guid', 'step']);
  runtime.store.update({ user_guid: userGuid, ...member, ...cleared(['pending_member_id', 'history', 'last_error']) });
  if (!saved.user_guid) return;
  const before = saved.member_guid ? `member ${saved.member_guid} of user ${saved.user_guid}` : `user ${saved.user_guid}`;
  const back = step('resume', { user: saved.user_guid, ...(saved.member_guid && { member: saved.member_guid }) });
  const now = memberGuid ? `member ${memberGuid} of user ${userGuid}` : `user ${userGuid}`;
  writeErr(runtime.globals.io, hintFor(runtime.globals.invocation)`Profile "${profile}" now follows ${now}, instead of ${before} (back to it with: ${back}).`);
}
