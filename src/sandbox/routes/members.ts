import { randomBytes } from 'node:crypto';
import { openAccounts, profileFor } from '../accounts.js';
import type { App } from '../app.js';
import { checkCredentials, hashCredentials, sameCredentials, type SubmittedCredentials } from '../credentials.js';
import { findInstitution } from '../institutions.js';
import { applyStep, isoSeconds, startJob } from '../jobs.js';
import { listBody } from '../pagination.js';
import { planJob } from '../plans.js';
import { presentMember } from '../present.js';
import { ApiError, badRequest, notFound } from '../reply.js';
import type { RequestContext, Routes } from '../router.js';
import { scenarioFor, statusMessage } from '../scenarios.js';
import type { StoredMember } from '../types.js';
import { hasAny, optionalBoolean, optionalString, wrapped } from '../validate.js';

export function newOAuthToken(): string {
  return randomBytes(16).toString('hex');
}

function createMember({ app, params, body }: RequestContext) {
  const user = app.user(params.user_guid ?? '');
  const fields = wrapped(body, 'member');
  const code = optionalString(fields, 'institution_code');
  if (!code) throw badRequest('"institution_code" is required.');
  // An unknown code is "an invalid item" in MX's error table, hence 404. [unconfirmed for MX]
  const inst = findInstitution(code);
  if (!inst) throw notFound();
  const isOauth = optionalBoolean(fields, 'is_oauth') ?? false;
  if (isOauth && !inst.institution.supports_oauth) throw badRequest(`${inst.institution.name} does not support OAuth.`);
  if (!isOauth && inst.credentials.length === 0) {
    throw badRequest(`${inst.institution.name} connects through OAuth; set "is_oauth" to true.`);
  }
  if (fields.credentials === undefined) throw badRequest('"credentials" is required.');
  if (isOauth && Array.isArray(fields.credentials) && fields.credentials.length > 0) {
    throw badRequest('An OAuth member takes no credentials; send "credentials": [].');
  }
  const submitted: SubmittedCredentials = isOauth ? { values: new Map() } : checkCredentials(inst, fields.credentials, true);
  const hashes = hashCredentials(submitted.values);
  // MX: "Duplicate members aren't allowed": same user, institution and credentials. 409 is MX's "already exists".
  const duplicate = app.membersOf(user.guid).some((m) => m.institution_code === code && sameCredentials(m.credentialHashes, hashes));
  if (duplicate) throw new ApiError(409, 'A member with these credentials already exists for this user and institution.');

  const now = app.now();
  const skip = optionalBoolean(fields, 'skip_aggregation') ?? false;
  const useCases = fields.use_cases;
  const profile = profileFor(submitted.login);
  const member: StoredMember = {
    guid: app.random.guid('MBR'),
    id: optionalString(fields, 'id') ?? null,
    user_guid: user.guid,
    institution_code: code,
    metadata: optionalString(fields, 'metadata') ?? null,
    is_oauth: isOauth,
    skip_aggregation: skip,
    background_aggregation_is_disabled: optionalBoolean(fields, 'background_aggregation_is_disabled') ?? false,
    ...(Array.isArray(useCases) ? { use_cases: useCases.filter((u): u is string => u === 'PFM' || u === 'MONEY_MOVEMENT') } : {}),
    credentialHashes: hashes,
    profile,
    scenario: scenarioFor(submitted.password),
    connection_status: isOauth ? 'PENDING' : 'CREATED',
    connection_status_message: statusMessage(isOauth ? 'PENDING' : 'CREATED', inst.institution.name ?? code),
    is_being_aggregated: false,
    is_authenticated: false,
    aggregated_at: null,
    successfully_aggregated_at: null,
    has_processed_accounts: false,
    has_processed_account_numbers: false,
    has_processed_transactions: false,
    accountsDiscovered: false,
    challenges: null,
    consecutiveDenials: 0,
    job: null,
    oauthToken: isOauth ? newOAuthToken() : null,
    accounts: openAccounts(profile, app.random, isoSeconds(now)),
    accountNumbers: [],
    history: [{ status: isOauth ? 'PENDING' : 'CREATED', at: now }],
  };
  app.state.members[member.guid] = member;
  app.touch();
  // 202 when an aggregation was started, 200 when not (as v20250224 documents; v20111101 declares both).
  if (isOauth || skip) return { status: 200, body: { member: presentMember(app, member) } };
  startJob(app, member, 'aggregation', planJob('aggregation', 'CREATED', member, app.random));
  return { status: 202, body: { member: presentMember(app, member) } };
}

function updateMember({ app, params, body }: RequestContext) {
  const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
  const fields = wrapped(body, 'member');
  const keys = ['background_aggregation_is_disabled', 'credentials', 'id', 'metadata', 'skip_aggregation', 'use_cases'];
  if (!hasAny(fields, keys)) throw badRequest("The request body can't be empty.");
  const id = optionalString(fields, 'id');
  const metadata = optionalString(fields, 'metadata');
  const background = optionalBoolean(fields, 'background_aggregation_is_disabled');
  const skip = optionalBoolean(fields, 'skip_aggregation') ?? false;
  if (fields.credentials !== undefined) {
    if (member.is_oauth) throw badRequest('An OAuth member has no credentials to update.');
    const inst = findInstitution(member.institution_code);
    if (!inst) throw notFound();
    replaceCredentials(app, member, checkCredentials(inst, fields.credentials, false), skip);
  }
  if (id !== undefined) member.id = id;
  if (metadata !== undefined) member.metadata = metadata;
  if (background !== undefined) member.background_aggregation_is_disabled = background;
  app.touch();
  return { status: 200, body: { member: presentMember(app, member) } };
}

/** New credentials clear the failure streak (so PREVENTED ends) and restart the connection unless skipped. */
function replaceCredentials(app: App, member: StoredMember, submitted: SubmittedCredentials, skip: boolean): void {
  Object.assign(member.credentialHashes, hashCredentials(submitted.values));
  if (submitted.password !== undefined) member.scenario = scenarioFor(submitted.password);
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
  '/users/:user_guid/members': {
    POST: createMember,
    GET: ({ app, params, query }) => {
      app.user(params.user_guid ?? '');
      const members = app.membersOf(params.user_guid ?? '').map((m) => presentMember(app, m));
      return { status: 200, body: listBody('members', members, query, 1000) };
    },
  },
  '/users/:user_guid/members/:member_guid': {
    GET: ({ app, params }) => ({
      status: 200,
      body: { member: presentMember(app, app.member(params.user_guid ?? '', params.member_guid ?? '')) },
    }),
    PUT: updateMember,
    DELETE: ({ app, params }) => {
      const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
      delete app.state.members[member.guid];
      app.touch();
      return { status: 204 };
    },
  },
  '/users/:user_guid/members/:member_guid/credentials': {
    GET: ({ app, params, query }) => {
      const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
      const fields = findInstitution(member.institution_code)?.credentials ?? [];
      const own = fields.filter((c) => c.guid !== null && member.credentialHashes[c.guid] !== undefined);
      return { status: 200, body: listBody('credentials', own, query, 1000) };
    },
  },
};
