import type { MemberStatus } from '../mx/types.js';

// MX's widget treats these as "still working" (connect-widget Statuses.js); PENDING is an OAuth member waiting for
// the user at the bank.
const IN_PROGRESS = new Set(['CREATED', 'RESUMED', 'RECONNECTED', 'UPDATED', 'PENDING']);

export const KNOWN_STATUSES = [
  'CREATED', 'PREVENTED', 'DENIED', 'CHALLENGED', 'REJECTED', 'LOCKED', 'CONNECTED', 'IMPEDED', 'RECONNECTED',
  'DEGRADED', 'DISCONNECTED', 'DISCONTINUED', 'CLOSED', 'DELAYED', 'FAILED', 'UPDATED', 'DISABLED', 'IMPORTED',
  'RESUMED', 'EXPIRED', 'IMPAIRED', 'PENDING',
] as const;

/** Statuses that mean the saved credentials are wrong or incomplete: the next attempt must ask for them again. */
export const CREDENTIAL_STATUSES = new Set(['DENIED', 'PREVENTED', 'IMPAIRED', 'IMPORTED']);

export type PollDecision = 'wait' | 'answer' | 'connected' | 'ended';

/** MX's own polling rules (connect-widget pollers.js): what to do after one status read. */
export function decide(status: Pick<MemberStatus, 'connection_status' | 'is_being_aggregated'>): PollDecision {
  const connection = status.connection_status;
  if (connection === 'CHALLENGED') return 'answer';
  if (connection === 'CONNECTED') return status.is_being_aggregated ? 'wait' : 'connected';
  if (connection !== null && IN_PROGRESS.has(connection)) return 'wait';
  if (status.is_being_aggregated) return 'wait';
  return 'ended';
}

export const isKnownStatus = (status: string | null): boolean =>
  status !== null && (KNOWN_STATUSES as readonly string[]).includes(status);
