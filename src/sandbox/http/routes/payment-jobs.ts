import { findInstitution, supports } from '../../bank/institutions.js';
import { isRunning, startJob } from '../../bank/jobs.js';
import { listBody } from '../pagination.js';
import { planJob } from '../../bank/plans.js';
import { presentMember } from '../present.js';
import { ApiError, badRequest } from '../reply.js';
import type { RequestContext, Routes } from '../router.js';
import type { JobKind, StoredMember, StoredOwner } from '../../bank/types.js';
import { firstStatus } from './member-jobs.js';

// MX's identify and check_balance: jobs on an existing member that log in again (so MFA comes back, as on any
// aggregation), then find the owners or read the balances. Both answer 202 with the member, as the spec declares.

function memberOf({ app, params }: RequestContext): StoredMember {
  return app.member(params.user_guid ?? '', params.member_guid ?? '');
}

function startPaymentJob(ctx: RequestContext, kind: JobKind) {
  const { app } = ctx;
  const member = memberOf(ctx);
  if (kind === 'identification' && !supports(findInstitution(member.institution_code), 'identity_verification')) {
    throw badRequest("Member's institution does not support account owner identification.");
  }
  if (isRunning(member)) {
    // As verify: the same job already running is followed (202, nothing new); another kind holds the member (409).
    if (member.job?.kind === kind) return { status: 202, body: { member: presentMember(app, member) } };
    throw new ApiError(409, 'The member already has an aggregation of a different type running.');
  }
  if (member.is_oauth && (member.connection_status === 'PENDING' || member.connection_status === 'DENIED')) {
    throw new ApiError(405, 'The member must finish OAuth before it can be identified or have its balances checked.');
  }
  startJob(app, member, kind, planJob(kind, firstStatus(member), member, app.random));
  return { status: 202, body: { member: presentMember(app, member) } };
}

/** AccountOwnerResponse (the same fields in both versions). */
function presentOwner(member: StoredMember, owner: StoredOwner): Record<string, unknown> {
  return {
    account_guid: owner.accountGuid,
    address: owner.address,
    city: owner.city,
    country: owner.country,
    email: owner.email,
    first_name: owner.firstName,
    guid: owner.guid,
    last_name: owner.lastName,
    member_guid: member.guid,
    owner_name: owner.ownerName,
    phone: owner.phone,
    postal_code: owner.postalCode,
    state: owner.state,
    user_guid: member.user_guid,
  };
}

export const paymentJobRoutes: Routes = {
  '/users/:user_identifier/members/:member_identifier/identify': { POST: (ctx) => startPaymentJob(ctx, 'identification') },
  '/users/:user_identifier/members/:member_identifier/check_balance': { POST: (ctx) => startPaymentJob(ctx, 'balance') },
  '/users/:user_identifier/members/:member_identifier/account_owners': {
    GET: (ctx) => {
      const member = memberOf(ctx);
      // Owners exist only once an identification has finished; before that the list is empty, not an error.
      const owners = (member.owners ?? []).map((owner) => presentOwner(member, owner));
      return { status: 200, body: listBody('account_owners', owners, ctx.query, 1000) };
    },
  },
};
