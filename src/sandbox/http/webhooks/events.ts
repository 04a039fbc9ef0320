import type { Payload, WebhookType } from './payloads.js';

export interface Attempt {
  at: string;
  status: number | null;
  error: string | null;
}

export type EventState = 'pending' | 'delivered' | 'failed';

/** One webhook for one endpoint, as the delivery log keeps it. */
export interface WebhookEvent {
  id: string;
  type: WebhookType;
  action: string;
  user_guid: string;
  /** null for a micro-deposit's webhook: MX ties a micro-deposit to a user, not to a member. */
  member_guid: string | null;
  /** Whose webhooks reach an endpoint in order: the member's guid, or the micro-deposit's. */
  subject: string;
  created_at: string;
  endpoint_id: string | null;
  state: EventState;
  attempts: Attempt[];
  payload: Payload;
  /** Failed attempts that count against MX's 12 retries (a 429 does not). */
  retries: number;
  /** Sandbox time at which the next attempt is due. */
  dueAt: number;
  inFlight: boolean;
}

/** A receiver that answers 429 forever would add attempts forever; the log keeps the latest of them. */
export const ATTEMPTS_KEPT = 20;

export function recordAttempt(event: WebhookEvent, attempt: Attempt): void {
  event.attempts.push(attempt);
  if (event.attempts.length > ATTEMPTS_KEPT) event.attempts.splice(0, event.attempts.length - ATTEMPTS_KEPT);
}

export function presentEvent(event: WebhookEvent) {
  const { id, type, action, user_guid, member_guid, created_at, endpoint_id, state, attempts, payload } = event;
  return { id, type, action, user_guid, member_guid, created_at, endpoint_id, state, attempts: attempts.map((a) => ({ ...a })), payload };
}
