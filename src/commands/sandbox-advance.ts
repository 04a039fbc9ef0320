// `mx-iav sandbox advance 10m`: moves the running sandbox's clock on (Stripe's test clocks), so a challenge's
// 10-minute expiry, job steps and the webhook retry schedule happen without waiting.
import type { CommandInput } from '../session/command-kit.js';
import { UsageError } from '../errors.js';
import { parseDuration } from '../session/durations.js';
import { emit } from './output.js';
import { openSandboxTarget } from './sandbox-target.js';

// MX retries a webhook over about 24 hours; a week covers that and any schedule a test can want.
const MAX_ADVANCE_MS = 7 * 24 * 3_600_000;

const describeOffset = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`);

export async function run({ globals, args }: CommandInput) {
  const by = args[0];
  if (by === undefined) throw new UsageError('sandbox advance takes a duration, such as 10m, 90s or 2h.');
  const ms = parseDuration(by, 'sandbox advance', MAX_ADVANCE_MS);
  if (ms <= 0) throw new UsageError('sandbox advance takes a duration of more than zero.');
  const target = await openSandboxTarget(globals, '`mx-iav sandbox advance`');
  try {
    const clock = await target.admin.advance(ms);
    emit(globals, { clock }, () => `Sandbox time is now ${clock.now} (${describeOffset(clock.offset_ms)} ahead of this machine's clock).`);
  } finally {
    await target.close();
  }
}
