// `mx-iav sandbox force-status STATUS`: puts a member into a connection status now (Plaid's reset_login and
// set_verification_status): DENIED as after a password change at the bank, CHALLENGED with a chosen challenge, ...
// The sandbox sends the webhooks that change would send.
import type { CommandInput } from '../session/command-kit.js';
import { UsageError } from '../errors.js';
import { sanitize } from '../ui/sanitize.js';
import { checkGuidFlag } from './guid-flags.js';
import { emit } from './output.js';
import { onMember, openSandboxTarget } from './sandbox-target.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { forceStatusOptions } from './specs/sandbox.js';

type Options = OptionsOf<typeof forceStatusOptions>;

export async function run({ globals, options, args }: CommandInput<Options>) {
  const status = (args[0] ?? '').toUpperCase();
  if (!/^[A-Z_]{1,40}$/.test(status)) throw new UsageError('sandbox force-status takes a connection status, such as DENIED, EXPIRED or CHALLENGED.');
  if (options.challengeType !== undefined && status !== 'CHALLENGED') throw new UsageError('--challenge-type goes with CHALLENGED only.');
  const typed = checkGuidFlag('MBR', '--member', options.member);
  const target = await openSandboxTarget(globals, '`mx-iav sandbox force-status`');
  try {
    const challengeType = options.challengeType?.toUpperCase();
    const { guid, result: member } = await onMember(target, typed, globals, (guid) => target.admin.forceStatus(guid, status, challengeType));
    emit(globals, { member }, () => `${guid} is now ${sanitize(String(member.connection_status ?? status))}.`);
  } finally {
    await target.close();
  }
}
