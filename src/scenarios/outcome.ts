import { TimeoutError, UsageError, VerificationError } from '../errors.js';
import { CONNECTION_STATUSES } from '../domain/statuses.js';
import { NO_ELIGIBLE_ACCOUNTS } from './catalog.js';

export const TIMED_OUT = 'TIMEOUT';

/** Every end --expect accepts: MX's connection statuses, no eligible accounts, and running out of time. */
export const EXPECTABLE: readonly string[] = [...CONNECTION_STATUSES, NO_ELIGIBLE_ACCOUNTS, TIMED_OUT];

export function checkExpectation(value: string): string {
  const normalized = value.trim().toUpperCase().replace(/-/g, '_');
  if (EXPECTABLE.includes(normalized)) return normalized;
  throw new UsageError(
    `--expect takes how a verification ends, and "${value.slice(0, 40)}" is not one.`,
    `Use one of: ${EXPECTABLE.join(', ')}`,
  );
}

export type Outcome = { end: string; error?: unknown };

/**
 * How a verification ended, or null when it never reached an end (a usage, configuration or network error):
 * such a run is an error, not a result to compare.
 */
export function outcomeOfError(error: unknown): Outcome | null {
  if (error instanceof VerificationError) {
    if (error.code === 'no_eligible_accounts') return { end: NO_ELIGIBLE_ACCOUNTS, error };
    return { end: error.status ?? 'NO_STATUS', error };
  }
  if (error instanceof TimeoutError) return { end: TIMED_OUT, error };
  return null;
}

export function describeOutcome(outcome: Outcome): string {
  return outcome.error instanceof Error ? outcome.error.message : `the verification ended ${outcome.end}.`;
}
