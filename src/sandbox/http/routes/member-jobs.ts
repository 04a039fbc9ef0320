import { presentChallenge } from '../../bank/challenges.js';
import { findInstitution, supports } from '../../bank/institutions.js';
import { isRunning, resumeJob, startJob } from '../../bank/jobs.js';
import { listBody } from '../pagination.js';
import { planJob, planResume } from '../../bank/plans.js';
import { presentMember, presentStatus } from '../present.js';
import { ApiError, badRequest } from '../reply.js';
import type { RequestContext, Routes } from '../router.js';
import type { ConnectionStatus, StoredMember } from '../../bank/types.js';
import { isObject, wrapped } from '../validate.js';

function memberOf({ app, params }: RequestContext): StoredMember {
  return app.member(params.user_guid ?? '', params.member_guid ?? '');
}

/**
 * What a new verification shows first. MX's guide only shows CREATED (a fresh member); re-verifying a CONNECTED
 * member keeps CONNECTED (with is_being_aggregated true), and after an error the sandbox shows RECONNECTED, one of
 * MX's "processing" statuses, so clients do not mistake the old error for the new result. [unconfirmed for MX]
 */
export function firstStatus(member: StoredMember): ConnectionStatus {
  return member.connection_status === 'CREATED' || member.connection_status === 'CONNECTED' ? member.connection_status : 'RECONNECTED';
}

function verify(ctx: RequestContext) {
  const { app } = ctx;
  const member = memberOf(ctx);
  if (!supports(findInstitution(member.institution_code), 'account_verification')) {
    throw badRequest("Member's institution does not support instant account verification.");
  }
  if (isRunning(member)) {
    // MX: 202 (no new job) when a verification is already running; 409 when another job type is. The job a
    // v20250224 create started (data_request) counts as the other kind: a client must poll it, not verify again.
    if (member.job?.kind === 'verification' && !member.job.atCreate) return { status: 202, body: { member: presentMember(app, member) } };
    throw new ApiError(409, 'The member already has an aggregation of a different type running.');
  }
  // "A constraint on the requested endpoint wasn't met" is MX's wording for 405. [unconfirmed for this case]
  if (member.is_oauth && (member.connection_status === 'PENDING' || member.connection_status === 'DENIED')) {
    throw new ApiError(405, 'The member must finish OAuth before it can be verified.');
  }
  startJob(app, member, 'verification', planJob('verification', firstStatus(member), member, app.random));
  return { status: 200, body: { member: presentMember(app, member) } };
}

function resume(ctx: RequestContext) {
  const { app } = ctx;
  const member = memberOf(ctx);
  if (member.connection_status !== 'CHALLENGED' || !member.job) {
    throw new ApiError(405, 'Only a member with connection status CHALLENGED can be resumed.');
  }
  const given = wrapped(ctx.body, 'member').challenges;
  if (!Array.isArray(given) || given.length === 0) throw badRequest('"challenges" must be a non-empty array.');
  const current = new Set((member.challenges ?? []).map((c) => c.guid));
  const answers = new Map<string, string>();
  for (const item of given) {
    if (!isObject(item) || typeof item.guid !== 'string' || typeof item.value !== 'string') {
      throw badRequest('Each challenge answer needs a "guid" and a "value" string.');
    }
    if (!current.has(item.guid)) throw badRequest(`${item.guid} is not a current challenge of this member.`);
    answers.set(item.guid, item.value);
  }
  resumeJob(app, member, planResume(member.job.kind, member, answers, app.random));
  return { status: 202, body: { member: presentMember(app, member) } };
}

export const memberJobRoutes: Routes = {
  '/users/:user_identifier/members/:member_identifier/status': {
    GET: (ctx) => ({ status: 200, body: { member: presentStatus(memberOf(ctx)) } }),
  },
  '/users/:user_identifier/members/:member_identifier/challenges': {
    GET: (ctx) => {
      const member = memberOf(ctx);
      // MX answers 204 with no body unless the member is CHALLENGED.
      if (member.connection_status !== 'CHALLENGED') return { status: 204 };
      return { status: 200, body: listBody('challenges', (member.challenges ?? []).map(presentChallenge), ctx.query, 1000) };
    },
  },
  '/users/:user_identifier/members/:member_identifier/resume': { PUT: resume },
  '/users/:user_identifier/members/:member_identifier/verify': { POST: verify },
};
