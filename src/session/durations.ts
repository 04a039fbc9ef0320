import type { Connection } from './connection.js';
import { UsageError } from '../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

// Node's timers hold at most 2^31-1 ms (about 24.8 days) and fire at once beyond it, so a longer wait would turn
// into a request every millisecond. No wait of mx-iav needs more than a day.
const MAX_DURATION_MS = 24 * 3_600_000;
const MAX_POLL_INTERVAL_MS = 3_600_000;

/** "90s", "5m", "500ms"; a bare number is seconds. At most `maxMs` (a day unless said otherwise). */
export function parseDuration(value: string, flag: string, maxMs = MAX_DURATION_MS): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} takes a duration such as 30s, 5m or 500ms, not "${value.slice(0, 40)}".`);
  const ms = Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
  if (ms > maxMs) throw new UsageError(`${flag} must be at most ${describe(maxMs)}, not "${value.slice(0, 40)}".`);
  return ms;
}

const describe = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${ms / 1000}s`);

// MX asks integrators to read a member's status at most once every 3 seconds (Atrium status docs, connect-widget).
const MX_MIN_POLL_MS = 3000;
const SANDBOX_POLL_MS = 250;

export interface PollTiming {
  timeoutMs: number;
  firstPollDelayMs: number;
  pollIntervalMs: number;
}

export function pollTiming(connection: Connection, flags: { timeout?: string; pollInterval?: string }): PollTiming {
  const timeoutMs = parseDuration(flags.timeout ?? '5m', '--timeout');
  if (timeoutMs <= 0) throw new UsageError('--timeout must be more than zero.');
  const floor = connection.isMx ? MX_MIN_POLL_MS : 0;
  const requested = flags.pollInterval === undefined ? undefined : parseDuration(flags.pollInterval, '--poll-interval', MAX_POLL_INTERVAL_MS);
  if (requested !== undefined && requested < floor) {
    throw new UsageError(`--poll-interval must be at least 3s against MX, which asks for no more than one status read every 3 seconds.`);
  }
  const pollIntervalMs = requested ?? (connection.isMx ? MX_MIN_POLL_MS : SANDBOX_POLL_MS);
  // Against the sandbox the first read after a job starts or resumes comes at once, and the next ones at the interval,
  // so reads stay in step with a job whose steps take whole intervals; MX gets its 3 seconds before the first.
  return { timeoutMs, pollIntervalMs, firstPollDelayMs: connection.isMx ? pollIntervalMs : 0 };
}
