import type { CommandInput } from '../cli/command-kit.js';
import { openRuntime } from '../cli/session.js';
import { ConfigError } from '../errors.js';
import { checkGuidFlag } from './guid-flags.js';
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
  const runtime = await openRuntime(globals, signal, readPresets(options));
  try {
    if (user) runtime.store.update({ user_guid: user });
    if (member) runtime.store.update({ member_guid: member, step: 'verifying' });
    if (!runtime.store.read().user_guid) {
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
