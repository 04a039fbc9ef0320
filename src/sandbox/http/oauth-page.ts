import type { App } from '../bank/app.js';
import { findInstitution } from '../bank/institutions.js';
import { applyStep, startJob } from '../bank/jobs.js';
import { planJob } from '../bank/plans.js';
import { createJobKind } from './routes/create-member.js';
import type { StoredMember } from '../bank/types.js';
import { escapeHtml } from './widget/page.js';

export interface PageReply {
  status: number;
  html: string;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}form{display:inline}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:.5rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function findByToken(app: App, token: string | null): StoredMember | undefined {
  if (!token) return undefined;
  const found = Object.values(app.state.members).find((m) => m.oauthToken === token);
  return found ? app.member(found.user_guid, found.guid) : undefined;
}

const EXPIRED: PageReply = {
  status: 410,
  html: page('Link expired', '<p>This sign-in link has expired or was already used. Ask for a new one where you started.</p>'),
};

/**
 * The browser side of the sandbox's OAuth: MX sends users to their bank; here the "bank" is one page with
 * Approve and Deny. It needs no Basic auth or MX Accept header because a browser opens it.
 */
export function serveOAuthPage(app: App, method: string, path: string, query: URLSearchParams, form: URLSearchParams): PageReply {
  const titleOf = (member: StoredMember): string => findInstitution(member.institution_code)?.institution.name ?? member.institution_code;
  if (method === 'GET' && path === '/oauth/authorize') {
    const member = findByToken(app, query.get('state'));
    if (!member) return EXPIRED;
    const title = titleOf(member);
    const state = escapeHtml(member.oauthToken ?? '');
    const button = (action: string, label: string): string =>
      `<form method="post" action="/oauth/${action}"><input type="hidden" name="state" value="${state}"><button type="submit">${label}</button></form>`;
    return { status: 200, html: page(title, `<p>mx-iav wants to access your accounts.</p>${button('approve', 'Approve')}${button('deny', 'Deny')}`) };
  }
  if (method === 'POST' && (path === '/oauth/approve' || path === '/oauth/deny')) {
    const member = findByToken(app, form.get('state'));
    if (!member) return EXPIRED;
    const title = titleOf(member);
    member.oauthToken = null;
    const approved = path === '/oauth/approve';
    if (approved) approve(app, member);
    else applyStep(app, member, { status: 'DENIED', aggregating: false, authenticated: false, message: `Access to ${title} was denied.` }, app.now());
    const verdict = approved ? 'Access approved.' : 'Access denied.';
    return { status: 200, html: page(title, `<p>${verdict} You can close this page and go back to where you started (a terminal or the widget).</p>`) };
  }
  return { status: 404, html: page('Not found', '<p>There is nothing here.</p>') };
}

/**
 * Approval authenticates the member; MX then runs what the member was created for: the products of its
 * data_request (v20250224; account_verification makes it a verification), a standard aggregation otherwise, or
 * nothing when it was created with skip_aggregation (v20111101).
 */
function approve(app: App, member: StoredMember): void {
  if (member.skip_aggregation) {
    if (member.job) member.job.ended = true;
    applyStep(app, member, { status: 'CONNECTED', aggregating: false, authenticated: true }, app.now());
  } else {
    const kind = createJobKind(member);
    startJob(app, member, kind, planJob(kind, 'CONNECTED', member, app.random), true);
  }
}
