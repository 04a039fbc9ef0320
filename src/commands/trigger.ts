// `mx-iav trigger EVENT`: the sandbox fires that webhook for a member now (Stripe CLI's `trigger`, Plaid's
// /sandbox/item/fire_webhook), to every endpoint that takes it, logged like any other.
import type { CommandInput } from '../session/command-kit.js';
import { UsageError } from '../errors.js';
import { sanitize } from '../ui/sanitize.js';
import { checkGuidFlag } from './guid-flags.js';
import { emit } from './output.js';
import { onMember, openSandboxTarget } from './sandbox-target.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { triggerOptions } from './specs/tools.js';

type Options = OptionsOf<typeof triggerOptions>;

export async function run({ globals, options, args }: CommandInput<Options>) {
  const type = (args[0] ?? '').toUpperCase();
  if (!/^[A-Z_]{1,40}$/.test(type)) throw new UsageError('trigger takes a webhook type, such as CONNECTION_STATUS or VERIFICATION.');
  const typed = checkGuidFlag('MBR', '--member', options.member);
  const target = await openSandboxTarget(globals, '`mx-iav trigger`');
  try {
    const { guid: member, result: event } = await onMember(target, typed, globals, (guid) => target.admin.fire(guid, type, options.action));
    // With no endpoint for the type, the sandbox logs the event as failed at once, its one attempt saying why.
    const why = event.state === 'failed' ? event.attempts.at(-1)?.error : null;
    emit(globals, { event }, () =>
      `Fired ${sanitize(event.type)}${event.action ? ` (${sanitize(event.action)})` : ''} for ${member}: event ${sanitize(event.id)}, ${sanitize(event.state)}` +
        (why ? ` (${sanitize(why)})` : ''),
    );
  } finally {
    await target.close();
  }
}
