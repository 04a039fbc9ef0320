import type { App } from '../../bank/app.js';
import { type CatalogInstitution, findInstitution, searchInstitutions, supports } from '../../bank/institutions.js';
import { badRequest, notFound } from '../reply.js';
import type { StoredMember } from '../../bank/types.js';
import { isObject } from '../validate.js';
import { answerChallenges, createFor, retryMember } from './actions.js';
import type { WidgetSession } from './sessions.js';
import { institutionView, memberView } from './view.js';

/** The institutions this page may offer: IAV-capable ones in verification mode, never hidden ones. */
const offers = (session: WidgetSession, inst: CatalogInstitution): boolean =>
  !inst.hidden && (!session.config.verification || supports(inst, 'account_verification'));

function offered(session: WidgetSession, code: string): CatalogInstitution {
  const inst = findInstitution(code);
  if (!inst || !offers(session, inst)) throw notFound();
  return inst;
}

function ownMember(app: App, session: WidgetSession, guid: string): StoredMember {
  if (!session.members.has(guid)) throw notFound();
  return app.member(session.userGuid, guid);
}

function start(app: App, session: WidgetSession) {
  const { config } = session;
  const member = config.memberGuid === null ? null : ownMember(app, session, config.memberGuid);
  const code = member?.institution_code ?? config.institutionCode;
  return {
    user_guid: session.userGuid,
    session_guid: session.guid,
    search: !config.disableSearch,
    verification: config.verification,
    institution: code === null ? null : institutionDetail(session, code),
    member: member === null ? null : memberView(app, session, member),
  };
}

function institutionDetail(session: WidgetSession, code: string) {
  const inst = offered(session, code);
  const fields = [...inst.credentials].sort((a, b) => (a.display_order ?? 0) - (b.display_order ?? 0));
  return {
    ...institutionView(inst),
    instructions: inst.institution.instructional_text ?? null,
    credentials: fields.map((c) => ({ guid: c.guid, label: c.label, secret: c.field_type === 'PASSWORD' })),
  };
}

const field = (body: unknown, key: string): unknown => (isObject(body) ? body[key] : undefined);

/** One page call: `parts` is the path after /widget/session/<id>/. */
export function answerCall(app: App, session: WidgetSession, method: string, parts: string[], query: URLSearchParams, body: unknown): unknown {
  const [head, id, action] = parts;
  if (method === 'GET' && head === 'start' && parts.length === 1) return start(app, session);
  if (method === 'GET' && head === 'institutions' && parts.length === 1) {
    const found = searchInstitutions({ name: query.get('name') ?? '', keep: (inst) => offers(session, inst) });
    return { institutions: found.slice(0, 25).map(institutionView) };
  }
  if (method === 'GET' && head === 'institutions' && id !== undefined && parts.length === 2) return { institution: institutionDetail(session, id) };
  if (method === 'POST' && head === 'members' && parts.length === 1) {
    const code = field(body, 'institution_code');
    if (typeof code !== 'string') throw badRequest('Choose an institution first.');
    const member = createFor(app, session, offered(session, code), field(body, 'credentials'));
    return { member: memberView(app, session, member) };
  }
  if (head === 'members' && id !== undefined) {
    const member = ownMember(app, session, id);
    if (method === 'GET' && parts.length === 2) return { member: memberView(app, session, member) };
    if (method === 'POST' && action === 'answers') answerChallenges(app, session, member, field(body, 'challenges'));
    else if (method === 'POST' && action === 'retry') retryMember(app, session, member, field(body, 'credentials'));
    else throw notFound();
    return { member: memberView(app, session, ownMember(app, session, id)) };
  }
  throw notFound();
}
