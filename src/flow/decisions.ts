// The flow's decisions, as pure functions of what MX says and what the profile remembers, so each one can be read
// (and tested) as a table. The code that acts on them lives in poll.ts, oauth.ts and verify.ts.
import { CREDENTIAL_STATUSES, IN_PROGRESS_STATUSES } from '../domain/statuses.js';
import type { MemberStatus } from '../mx/types.js';
import type { FlowStep } from './ports.js';

export type PollDecision = 'wait' | 'answer' | 'connected' | 'ended';

/** What one status read means, by MX's own polling rules (connect-widget pollers.js). */
export function decide(status: Pick<MemberStatus, 'connection_status' | 'is_being_aggregated'>): PollDecision {
  const connection = status.connection_status;
  if (connection === 'CHALLENGED') return 'answer';
  if (connection === 'CONNECTED') return status.is_being_aggregated ? 'wait' : 'connected';
  if (connection !== null && IN_PROGRESS_STATUSES.has(connection)) return 'wait';
  if (status.is_being_aggregated) return 'wait';
  return 'ended';
}

/** What to do with a member an earlier run saved. */
export type SavedMemberAction =
  /** A job is running or a challenge waits: follow it, answering on the way. */
  | 'follow'
  /** An OAuth member must (again) be approved at the bank, then verified. */
  | 'sign-in'
  /** Ask for the bank credentials again, update the member, then verify. */
  | 'update-credentials'
  /** Ask MX for a new verification. */
  | 'verify'
  /** The verification asked for earlier has connected: read its numbers. */
  | 'collect';

export interface SavedMemberFacts {
  isOauth: boolean;
  status: Pick<MemberStatus, 'connection_status' | 'is_being_aggregated' | 'is_authenticated'>;
  /** The saved step: how far the profile's verification of this member got. */
  step: FlowStep | undefined;
  /** The user asked to enter the credentials (or to sign in at the bank) again. */
  reenter: boolean;
}

/** Steps at which MX has been asked to verify the saved member and that verification has not failed. */
const VERIFICATION_STANDS: ReadonlySet<FlowStep | undefined> = new Set(['verifying', 'challenged', 'done']);

export function nextForSavedMember({ isOauth, status, step, reenter }: SavedMemberFacts): SavedMemberAction {
  const connection = status.connection_status;
  if (connection === 'CHALLENGED' || status.is_being_aggregated) return 'follow';
  const credentialsRefused = connection !== null && CREDENTIAL_STATUSES.has(connection);
  if (isOauth) {
    // A sign-in that expired after the bank authenticated it is still good for a verification.
    const expiredUnapproved = connection === 'EXPIRED' && status.is_authenticated !== true;
    if (reenter || connection === null || connection === 'PENDING' || credentialsRefused || expiredUnapproved) return 'sign-in';
  } else if (reenter || credentialsRefused) {
    return 'update-credentials';
  }
  return connection === 'CONNECTED' && VERIFICATION_STANDS.has(step) ? 'collect' : 'verify';
}
