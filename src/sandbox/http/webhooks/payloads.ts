import { createHash, randomUUID } from 'node:crypto';
import { CONNECTION_STATUSES } from '../../../domain/statuses.js';
import type { App } from '../../bank/app.js';
import { presentMember } from '../present.js';
import type { ConnectionStatus, StoredMember } from '../../bank/types.js';

// The bodies MX's webhook pages give (mx-verification-extras.md §3.3), key for key. MX: "New fields may be added,
// and the order of fields isn't guaranteed", so receivers must not depend on more than these.

export const WEBHOOK_TYPES = ['MEMBER', 'CONNECTION_STATUS', 'VERIFICATION', 'AGGREGATION', 'BALANCE', 'INITIAL_DATA_READY', 'MICRODEPOSITS'] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

export type Payload = Record<string, unknown>;

/** The statuses MX's Connection Status page says it sends the webhook for: the ones that need the end user. */
export const NOTIFIED_STATUSES: ReadonlySet<ConnectionStatus> = new Set([
  'CHALLENGED', 'DENIED', 'EXPIRED', 'IMPAIRED', 'IMPEDED', 'LOCKED', 'PREVENTED', 'REJECTED',
]);

/** MX's numeric ids are the statuses' positions in its list, CREATED=0 … PENDING=21 (mx-api-notes.md). */
export const statusId = (status: ConnectionStatus): number => CONNECTION_STATUSES.indexOf(status);

const userId = (app: App, member: StoredMember): string | null => app.state.users[member.user_guid]?.id ?? null;

/**
 * The spec's X-CALLBACK-PAYLOAD: "will be returned in the Member and Member Data Updated webhooks" (v20250224.yml
 * `xCallback`), so MEMBER and the member_data_updated ones (VERIFICATION, AGGREGATION) carry the member's last one.
 * The field's name is not on a stored page; `callback_payload`, after the header, is a choice [U].
 */
const callback = (member: StoredMember): Payload => (member.callbackPayload === undefined ? {} : { callback_payload: member.callbackPayload });

/** `completed_at` is Unix seconds and `completed_on` its date, as MX's Verification and Aggregation pages show. */
function completed(at: number): { completed_at: number; completed_on: string } {
  return { completed_at: Math.floor(at / 1000), completed_on: new Date(at).toISOString().slice(0, 10) };
}

export function connectionStatusPayload(member: StoredMember): Payload {
  return {
    action: 'CHANGED',
    connection_status: member.connection_status,
    connection_status_id: statusId(member.connection_status),
    connection_status_message: member.connection_status_message,
    member_guid: member.guid,
    type: 'CONNECTION_STATUS',
    user_guid: member.user_guid,
  };
}

/**
 * MX's Members page lists the member's own fields and says X-CALLBACK-PAYLOAD is echoed "if it was set in the
 * Create Member or Update Member" request (the one that request sends; see `callback` for the name).
 * `aggregated_at` and `created_at` are integers there (Unix seconds), unlike the API's strings.
 */
export function memberPayload(app: App, member: StoredMember, action: string, callbackPayload: string | null): Payload {
  // The one-time OAuth token in oauth_window_uri is not a thing to post to a third party; MX's page does not list it.
  const { oauth_window_uri: _uri, ...presented } = presentMember(app, member);
  const aggregated = member.aggregated_at === null ? null : unixSeconds(member.aggregated_at);
  return {
    ...presented,
    // An integer on MX's Members page, like aggregated_at (Unix seconds).
    ...(member.createdAt === undefined ? {} : { created_at: unixSeconds(member.createdAt) }),
    aggregated_at: aggregated,
    connection_status_id: statusId(member.connection_status),
    action,
    type: 'MEMBER',
    ...(callbackPayload === null ? {} : { callback_payload: callbackPayload }),
  };
}

/** "job_guid is not relevant if you're using the Platform API and should be ignored": sent, as MX does. */
export function verificationPayload(app: App, member: StoredMember, accounts: string[], jobGuid: string | null, at: number): Payload {
  return {
    type: 'VERIFICATION',
    accounts,
    action: 'member_data_updated',
    user_guid: member.user_guid,
    user_id: userId(app, member),
    member_guid: member.guid,
    job_guid: jobGuid,
    ...completed(at),
    ...callback(member),
  };
}

/** The sandbox keeps no transactions, so its counts are 0; `is_background` is false: every sandbox job is asked for. */
export function aggregationPayload(app: App, member: StoredMember, jobGuid: string | null, at: number): Payload {
  return {
    action: 'member_data_updated',
    ...completed(at),
    is_background: false,
    job_guid: jobGuid,
    member_guid: member.guid,
    transactions_created_count: 0,
    transactions_updated_count: 0,
    type: 'AGGREGATION',
    user_guid: member.user_guid,
    user_id: userId(app, member),
    ...callback(member),
  };
}

/**
 * MX's Balance page (https://docs.mx.com/resources/webhooks/balance): "notify you when any new data is available after
 * a successful balance fetch … fire only after a completed balance fetch", body `{"action":"member_data_updated",
 * "completed_at","completed_on","member_guid","type":"BALANCE","user_guid"}`: no job guid, user id or counts, unlike
 * AGGREGATION. It has no version note, so both versions send it. It is a member_data_updated webhook, so it echoes
 * the member's X-CALLBACK-PAYLOAD as VERIFICATION and AGGREGATION do.
 */
export function balancePayload(member: StoredMember, at: number): Payload {
  return {
    action: 'member_data_updated',
    ...completed(at),
    member_guid: member.guid,
    type: 'BALANCE',
    user_guid: member.user_guid,
    ...callback(member),
  };
}

/**
 * MX's Initial Data Ready page: "only applies if you're using Platform API version 20250224", body
 * `{"type":"initial_data_ready","guid","client_guid","user_guid","member_guid"}` (lower-case type, as MX prints it).
 * The client guid is a CLT- guid made from the sandbox's client id (`clientGuid`).
 */
export function initialDataReadyPayload(app: App, member: StoredMember): Payload {
  return { type: 'initial_data_ready', guid: randomUUID(), client_guid: clientGuid(app.clientId), user_guid: member.user_guid, member_guid: member.guid };
}

/** The accounts a member's verification revealed numbers for: what VERIFICATION's `accounts` lists. */
export const verifiedAccounts = (member: StoredMember): string[] => member.accountNumbers.map((n) => n.accountGuid);

function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/**
 * MX's sample carries the client's guid (`CLT-…`), which the sandbox has none of: one is made from the client id, the
 * same for every run of the same client id, so a receiver can tell two sandbox clients apart as it would two at MX.
 */
function clientGuid(clientId: string): string {
  return `CLT-${createHash('sha256').update(clientId).digest('hex').slice(0, 32)}`;
}
