import { openAccounts, profileFor } from '../../bank/accounts.js';
import type { App } from '../../bank/app.js';
import { checkCredentials, hashCredentials, type SubmittedCredentials } from '../../bank/credentials.js';
import { findInstitution } from '../../bank/institutions.js';
import { applyStep, isoSeconds, startJob } from '../../bank/jobs.js';
import { listBody } from '../pagination.js';
import { planJob } from '../../bank/plans.js';
import { presentMember } from '../present.js';
import { badRequest, notFound } from '../reply.js';
import type { RequestContext, Routes } from '../router.js';
import { testLoginOf } from '../../bank/test-logins.js';
import { createMember } from './create-member.js';
import type { StoredMember } from '../../bank/types.js';
import { hasAny, optionalBoolean, optionalString, wrapped } from '../validate.js';

function updateMember({ app, version, params, body, callbackPayload }: RequestContext) {
  const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
  const fields = wrapped(body, 'member');
  const keys = ['background_aggregation_is_disabled', 'credentials', 'id', 'metadata', 'skip_aggregation', 'use_cases'];
  if (!hasAny(fields, keys)) throw badRequest("The request body can't be empty.");
  const id = optionalString(fields, 'id');
  const metadata = optionalString(fields, 'metadata');
  const background = optionalBoolean(fields, 'background_aggregation_is_disabled');
  const skip = version.skipAggregation(fields);
  if (fields.credentials !== undefined) {
    if (member.is_oauth) throw badRequest('An OAuth member has no credentials to update.');
    const inst = findInstitution(member.institution_code);
    if (!inst) throw notFound();
    replaceCredentials(app, member, checkCredentials(inst, fields.credentials, false), skip);
  }
  if (id !== undefined) member.id = id;
  if (metadata !== undefined) member.metadata = metadata;
  if (background !== undefined) member.background_aggregation_is_disabled = background;
  if (callbackPayload !== null) member.callbackPayload = callbackPayload;
  app.memberChanged('updated', member, callbackPayload);
  return { status: 200, body: { member: presentMember(app, member) } };
}

/** New credentials clear the failure streak (so PREVENTED ends) and restart the connection unless skipped. */
function replaceCredentials(app: App, member: StoredMember, submitted: SubmittedCredentials, skip: boolean): void {
  Object.assign(member.credentialHashes, hashCredentials(submitted.values));
  if (submitted.password !== undefined) member.scenario = testLoginOf(submitted.password);
  if (submitted.login !== undefined && profileFor(submitted.login) !== member.profile) {
    member.profile = profileFor(submitted.login);
    member.accounts = openAccounts(member.profile, app.random, isoSeconds(app.now()));
    member.accountNumbers = [];
    member.accountsDiscovered = false;
  }
  member.consecutiveDenials = 0;
  if (member.job) member.job.ended = true;
  if (skip) applyStep(app, member, { status: 'UPDATED', aggregating: false, authenticated: false }, app.now());
  else startJob(app, member, 'aggregation', planJob('aggregation', 'UPDATED', member, app.random));
}

export const memberRoutes: Routes = {
  '/users/:user_identifier/members': {
    POST: createMember,
    GET: ({ app, params, query }) => {
      app.user(params.user_guid ?? '');
      const members = app.membersOf(params.user_guid ?? '').map((m) => presentMember(app, m));
      return { status: 200, body: listBody('members', members, query, 1000) };
    },
  },
  '/users/:user_identifier/members/:member_identifier': {
    GET: ({ app, params }) => ({
      status: 200,
      body: { member: presentMember(app, app.member(params.user_guid ?? '', params.member_guid ?? '')) },
    }),
    PUT: updateMember,
    DELETE: ({ app, params }) => {
      const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
      delete app.state.members[member.guid];
      app.memberChanged('deleted', member, member.callbackPayload ?? null);
      return { status: 204 };
    },
  },
  '/users/:user_identifier/members/:member_identifier/credentials': {
    GET: ({ app, params, query }) => {
      const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
      const fields = findInstitution(member.institution_code)?.credentials ?? [];
      const own = fields.filter((c) => c.guid !== null && member.credentialHashes[c.guid] !== undefined);
      return { status: 200, body: listBody('credentials', own, query, 1000) };
    },
  },
};
