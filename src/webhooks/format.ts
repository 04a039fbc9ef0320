// One line per webhook (time, type, action, user, member, status) or one JSON object per line under --json. MX's
// webhooks do not share one shape (extras §3.3): Microdeposits has no `type` and nests its fields, Members carries
// the member's own fields, so each column is looked for where that webhook keeps it.
import { sanitize } from '../ui/sanitize.js';

export interface Summary {
  type: string | null;
  action: string | null;
  user_guid: string | null;
  member_guid: string | null;
  status: string | null;
}

/** What the forward to --forward-to got back: the receiver's status, or why there was none. */
export interface ForwardOutcome {
  url: string;
  status: number | null;
  error: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function summarize(payload: Record<string, unknown>): Summary {
  const micro = record(payload.micro_deposit);
  const member = record(payload.member);
  const isMicro = payload.type === undefined && 'micro_deposit' in payload;
  const type = isMicro ? 'MICRODEPOSITS' : text(payload.type);
  const memberGuid = text(payload.member_guid) ?? text(member.guid) ?? (type === 'MEMBER' ? text(payload.guid) : null);
  return {
    type,
    action: text(payload.action),
    user_guid: text(payload.user_guid) ?? text(micro.user_guid) ?? text(member.user_guid),
    member_guid: memberGuid,
    status: text(payload.connection_status) ?? text(member.connection_status) ?? text(micro.status_name),
  };
}

const cell = (value: string | null) => (value === null ? '-' : sanitize(value));

export function forwardNote(forward: ForwardOutcome): string {
  return forward.status === null ? `forward failed: ${sanitize(forward.error)}` : `forwarded: ${forward.status}`;
}

export function webhookLine(at: Date, summary: Summary, forward?: ForwardOutcome): string {
  const columns = [at.toISOString(), summary.type, summary.action, summary.user_guid, summary.member_guid, summary.status].map((value) =>
    cell(value),
  );
  return `${columns.join('  ')}${forward ? `  -> ${forwardNote(forward)}` : ''}`;
}

export function webhookJson(at: Date, summary: Summary, payload: Record<string, unknown>, forward?: ForwardOutcome): string {
  return JSON.stringify({ received_at: at.toISOString(), ...summary, ...(forward && { forward }), payload });
}
