import type { App } from '../../bank/app.js';
import type { CatalogInstitution } from '../../bank/institutions.js';
import { memberJobRoutes } from '../routes/member-jobs.js';
import { memberRoutes } from '../routes/members.js';
import { oauthRoutes } from '../routes/oauth.js';
import { createMember } from '../routes/create-member.js';
import { badRequest } from '../reply.js';
import type { Handler, Method, RequestContext } from '../router.js';
import type { StoredMember } from '../../bank/types.js';
import { SANDBOX_VERSIONS } from '../versions.js';
import type { WidgetSession } from './sessions.js';

// The page acts through the very handlers of the MX routes, so a member it creates, answers or retries is stored,
// validated and timed exactly as one an API client drives, and any client following the user sees the same.

const MEMBER = '/users/:user_identifier/members/:member_identifier';

function route(table: Record<string, Partial<Record<Method, Handler>>>, path: string, method: Method): Handler {
  const handler = table[path]?.[method];
  if (!handler) throw new Error(`sandbox route ${method} ${path} is missing`);
  return handler;
}

/** A request as the routes get one; v20250224 reads `data_request`, v20111101 `skip_aggregation`. */
function ctx(app: App, session: WidgetSession, version: keyof typeof SANDBOX_VERSIONS, body: unknown, memberGuid?: string): RequestContext {
  const params: Record<string, string> = { user_guid: session.userGuid, ...(memberGuid === undefined ? {} : { member_guid: memberGuid }) };
  // The widget sends no X-CALLBACK-PAYLOAD: that header is for an integrator's own API calls.
  return { app, version: SANDBOX_VERSIONS[version], params, query: new URLSearchParams(), body, callbackPayload: null };
}

/**
 * Creates the member the customer signed in for, with the products the widget URL asked for (verification mode:
 * account_verification, so the job a create starts is the verification). Background aggregation is off in
 * verification mode, as MX's disable_background_agg defaults there.
 */
export function createFor(app: App, session: WidgetSession, inst: CatalogInstitution, credentials: unknown): StoredMember {
  const isOauth = inst.credentials.length === 0;
  const member = {
    institution_code: inst.institution.code,
    is_oauth: isOauth,
    credentials: isOauth ? [] : credentials,
    background_aggregation_is_disabled: session.config.verification,
  };
  const products = session.config.products;
  const body = { member, ...(products.length === 0 ? {} : { data_request: { products } }) };
  const created = createMember(ctx(app, session, 'v20250224', body)).body.member;
  session.members.add(created.guid);
  return app.member(session.userGuid, created.guid);
}

export function answerChallenges(app: App, session: WidgetSession, member: StoredMember, challenges: unknown): void {
  if (!Array.isArray(challenges)) throw badRequest('Answer the question to continue.');
  route(memberJobRoutes, `${MEMBER}/resume`, 'PUT')(ctx(app, session, 'v20111101', { member: { challenges } }, member.guid));
}

/**
 * Try again after an error. An OAuth member gets a fresh window URI (the bank page again); a member with
 * credentials takes the ones entered again, and then runs what the widget was opened for: in verification mode a
 * verification (the update itself skips aggregating), otherwise the aggregation an update starts.
 */
export function retryMember(app: App, session: WidgetSession, member: StoredMember, credentials: unknown): void {
  if (member.is_oauth) {
    route(oauthRoutes, `${MEMBER}/oauth_window_uri`, 'GET')(ctx(app, session, 'v20111101', null, member.guid));
    return;
  }
  const verification = session.config.verification;
  const update = { member: { credentials, skip_aggregation: verification } };
  route(memberRoutes, MEMBER, 'PUT')(ctx(app, session, 'v20111101', update, member.guid));
  if (verification) route(memberJobRoutes, `${MEMBER}/verify`, 'POST')(ctx(app, session, 'v20111101', null, member.guid));
}
