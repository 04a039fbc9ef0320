import { CONNECTION_STATUSES } from '../../../domain/statuses.js';
import type { App } from '../../bank/app.js';
import { type MfaKind, mfaChallenge } from '../../bank/challenges.js';
import { applyStep, resumeJob, startJob } from '../../bank/jobs.js';
import { presentMember } from '../present.js';
import { badRequest, notFound } from '../reply.js';
import type { ConnectionStatus, JobStep, StoredMember } from '../../bank/types.js';
import { isObject } from '../validate.js';
import { firedEmission } from '../webhooks/emit.js';
import { presentEvent } from '../webhooks/events.js';
import { isWebhookType } from '../webhooks/endpoints.js';
import { NOTIFIED_STATUSES, WEBHOOK_TYPES } from '../webhooks/payloads.js';
import type { AdminContext, AdminRoute } from './context.js';

/** Admin routes address a member by its guid alone; `Object.hasOwn` because the table is keyed by the client's string. */
function memberByGuid(app: App, guid: string): StoredMember {
  const stored = Object.hasOwn(app.state.members, guid) ? app.state.members[guid] : undefined;
  if (!stored) throw notFound();
  return app.member(stored.user_guid, guid);
}

/** The brief's `IMAGE` is MX's `IMAGE_DATA`; both are taken. */
const CHALLENGE_TYPES: ReadonlyMap<string, MfaKind> = new Map([
  ['TEXT', 'TEXT'], ['OPTIONS', 'OPTIONS'], ['TOKEN', 'TOKEN'], ['IMAGE', 'IMAGE_DATA'], ['IMAGE_DATA', 'IMAGE_DATA'], ['IMAGE_OPTIONS', 'IMAGE_OPTIONS'],
]);

function challengeKind(value: unknown): MfaKind {
  if (value === undefined || value === null) return 'TEXT';
  const kind = typeof value === 'string' ? CHALLENGE_TYPES.get(value) : undefined;
  if (!kind) throw badRequest(`"challenge_type" is one of ${[...CHALLENGE_TYPES.keys()].join(', ')}.`);
  return kind;
}

/**
 * CHALLENGED waits for an answer as a job's challenge does (it can be resumed with `correct`, and it expires after
 * the sandbox's challenge expiry); DENIED is "the password changed at the bank": every later login is denied too,
 * until the credentials are updated; every other status is set as a job's last step would set it.
 */
function force(app: App, member: StoredMember, status: ConnectionStatus, body: Record<string, unknown>): void {
  if (status === 'CHALLENGED') {
    const step: JobStep = { status, aggregating: true, authenticated: false, challenges: [mfaChallenge(challengeKind(body.challenge_type), app.random)] };
    if (member.job) resumeJob(app, member, [step]);
    else startJob(app, member, 'aggregation', [step]);
    return;
  }
  if (status === 'DENIED') member.scenario = 'UNAUTHORIZED';
  applyStep(app, member, { status, aggregating: false, authenticated: status === 'CONNECTED' }, app.now());
}

function forceStatus({ app, webhooks, params, body }: AdminContext) {
  const member = memberByGuid(app, params.member_guid ?? '');
  const status = isObject(body) ? body.connection_status : undefined;
  if (typeof status !== 'string' || !(CONNECTION_STATUSES as readonly string[]).includes(status)) {
    throw badRequest(`"connection_status" is one of ${CONNECTION_STATUSES.join(', ')}.`);
  }
  const before = member.connection_status;
  force(app, member, status as ConnectionStatus, isObject(body) ? body : {});
  // A change is told by the step itself; forcing the status a member already has still tells, since it was asked for.
  if (before === status && NOTIFIED_STATUSES.has(before)) webhooks.publish(member, firedEmission(app, member, 'CONNECTION_STATUS', undefined), app.now());
  return { status: 200, body: { member: presentMember(app, member) } };
}

function fire({ app, webhooks, params, body }: AdminContext) {
  const member = memberByGuid(app, params.member_guid ?? '');
  const type = isObject(body) ? body.type : undefined;
  if (!isWebhookType(type)) throw badRequest(`"type" is one of ${WEBHOOK_TYPES.join(', ')}.`);
  const action = isObject(body) && typeof body.action === 'string' ? body.action : undefined;
  const [event] = webhooks.publish(member, firedEmission(app, member, type, action), app.now());
  return { status: 200, body: { event: event ? presentEvent(event) : null } };
}

export const memberAdminRoutes: AdminRoute[] = [
  ['POST', '/_sandbox/members/:member_guid/status', forceStatus],
  ['POST', '/_sandbox/members/:member_guid/webhooks', fire],
];
