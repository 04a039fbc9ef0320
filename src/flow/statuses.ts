import { IN_PROGRESS_STATUSES } from '../domain/statuses.js';
import type { MemberStatus } from '../mx/types.js';

export type PollDecision = 'wait' | 'answer' | 'connected' | 'ended';

/** MX's own polling rules (connect-widget pollers.js): what to do after one status read. */
export function decide(status: Pick<MemberStatus, 'connection_status' | 'is_being_aggregated'>): PollDecision {
  const connection = status.connection_status;
  if (connection === 'CHALLENGED') return 'answer';
  if (connection === 'CONNECTED') return status.is_being_aggregated ? 'wait' : 'connected';
  if (connection !== null && IN_PROGRESS_STATUSES.has(connection)) return 'wait';
  if (status.is_being_aggregated) return 'wait';
  return 'ended';
}
