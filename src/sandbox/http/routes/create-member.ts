import { randomBytes } from 'node:crypto';
import { openAccounts, profileFor } from '../../bank/accounts.js';
import type { App } from '../../bank/app.js';
import { checkCredentials, hashCredentials, sameCredentials, type SubmittedCredentials } from '../../bank/credentials.js';
import { type CatalogInstitution, findInstitution } from '../../bank/institutions.js';
import { isoSeconds, startJob } from '../../bank/jobs.js';
import { planJob } from '../../bank/plans.js';
import { presentMember } from '../present.js';
import { ApiError, badRequest, notFound } from '../reply.js';
import type { RequestContext } from '../router.js';
import { testLoginOf, statusMessage } from '../../bank/test-logins.js';
import type { JobKind, StoredMember } from '../../bank/types.js';
import { type Fields, optionalBoolean, optionalString } from '../validate.js';
import { ASKS_FOR_VERIFICATION, type CreateRequest } from '../versions.js';

export function newOAuthToken(): string {
  return randomBytes(16).toString('hex');
}

interface Admitted {
  isOauth: boolean;
  submitted: SubmittedCredentials;
  hashes: Record<string, string>;
}

/** The institution and credential checks every version makes before a member exists. */
function admit(app: App, userGuid: string, inst: CatalogInstitution, fields: Fields): Admitted {
  const name = inst.institution.name ?? inst.institution.code;
  // v20250224's is_hidden: "If the institution is available for creating new member connections, this field will be false".
  if (inst.hidden) throw badRequest(`${name} is not available for new connections.`);
  const isOauth = optionalBoolean(fields, 'is_oauth') ?? false;
  if (isOauth && !inst.institution.supports_oauth) throw badRequest(`${name} does not support OAuth.`);
  if (!isOauth && inst.credentials.length === 0) throw badRequest(`${name} connects through OAuth; set "is_oauth" to true.`);
  if (fields.credentials === undefined) throw badRequest('"credentials" is required.');
  if (isOauth && Array.isArray(fields.credentials) && fields.credentials.length > 0) {
    throw badRequest('An OAuth member takes no credentials; send "credentials": [].');
  }
  const submitted: SubmittedCredentials = isOauth ? { values: new Map() } : checkCredentials(inst, fields.credentials, true);
  const hashes = hashCredentials(submitted.values);
  // MX: "Duplicate members aren't allowed": same user, institution and credentials. 409 is MX's "already exists".
  const code = inst.institution.code;
  if (app.membersOf(userGuid).some((m) => m.institution_code === code && sameCredentials(m.credentialHashes, hashes))) {
    throw new ApiError(409, 'A member with these credentials already exists for this user and institution.');
  }
  return { isOauth, submitted, hashes };
}

function newMember(app: App, userGuid: string, inst: CatalogInstitution, request: CreateRequest, admitted: Admitted): StoredMember {
  const { member: fields } = request;
  const code = inst.institution.code ?? '';
  const now = app.now();
  const first = admitted.isOauth ? 'PENDING' : 'CREATED';
  const useCases = fields.use_cases;
  const profile = profileFor(admitted.submitted.login);
  return {
    guid: app.random.guid('MBR'),
    id: optionalString(fields, 'id') ?? null,
    user_guid: userGuid,
    institution_code: code,
    metadata: optionalString(fields, 'metadata') ?? null,
    is_oauth: admitted.isOauth,
    skip_aggregation: request.skipAggregation,
    // The products data_request asked for that the institution supports; they decide what the first job does.
    products: request.products?.filter((p) => inst.products.includes(p)) ?? null,
    background_aggregation_is_disabled: optionalBoolean(fields, 'background_aggregation_is_disabled') ?? false,
    ...(Array.isArray(useCases) ? { use_cases: useCases.filter((u): u is string => u === 'PFM' || u === 'MONEY_MOVEMENT') } : {}),
    credentialHashes: admitted.hashes,
    profile,
    scenario: testLoginOf(admitted.submitted.password),
    connection_status: first,
    connection_status_message: statusMessage(first, inst.institution.name ?? code),
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
    oauthToken: admitted.isOauth ? newOAuthToken() : null,
    accounts: openAccounts(profile, app.random, isoSeconds(now)),
    accountNumbers: [],
    history: [{ status: first, at: now }],
  };
}

/** What the job a member's creation starts does: verification when data_request asked for it, else aggregation. */
export function createJobKind(member: StoredMember): JobKind {
  return ASKS_FOR_VERIFICATION(member.products ?? null) ? 'verification' : 'aggregation';
}

/**
 * v20111101: 202 when an aggregation started, 200 when not (skip_aggregation, OAuth). v20250224 as MX's create
 * member page says: "200 - Member created, no aggregation job initiated. 201 - Member created, but one or more
 * products in data_request failed. 202 - Member created, aggregation requested." A product fails here when the
 * institution does not support it (account_verification at harborview_brokerage); the rest still runs.
 */
export function createMember({ app, version, params, body, callbackPayload }: RequestContext) {
  const user = app.user(params.user_guid ?? '');
  const request = version.createRequest(body);
  const code = optionalString(request.member, 'institution_code');
  if (!code) throw badRequest('"institution_code" is required.');
  // An unknown code is "an invalid item" in MX's error table, hence 404. [unconfirmed for MX]
  const inst = findInstitution(code);
  if (!inst) throw notFound();
  const member = newMember(app, user.guid, inst, request, admit(app, user.guid, inst, request.member));
  member.apiVersion = version.name;
  member.createdAt = isoSeconds(app.now());
  if (callbackPayload !== null) member.callbackPayload = callbackPayload;
  app.state.members[member.guid] = member;
  app.memberChanged('created', member, callbackPayload);
  const started = !member.is_oauth && !member.skip_aggregation;
  if (started) startJob(app, member, createJobKind(member), planJob(createJobKind(member), 'CREATED', member, app.random), true);
  const failed = request.products !== null && (member.products?.length ?? 0) < request.products.length;
  return { status: failed ? 201 : started ? 202 : 200, body: { member: presentMember(app, member) } };
}
