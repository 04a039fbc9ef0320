import { describe, expect, it } from 'vitest';
import { createUser, mx, settle, startSandbox } from './helpers.js';

describe('OAuth members', async () => {
  const sandbox = await startSandbox();
  const api = mx(sandbox);

  async function oauthMember(extra: Record<string, unknown> = { skip_aggregation: true }) {
    const userGuid = await createUser(api);
    const res = await api.post(`/users/${userGuid}/members`, { member: { institution_code: 'mx_bank_oauth', is_oauth: true, credentials: [], ...extra } });
    expect(res.status).toBe(200);
    return { userGuid, member: res.body.member };
  }

  const stateOf = (uri: string): string => new URL(uri).searchParams.get('state') ?? '';
  const decide = (action: 'approve' | 'deny', state: string) =>
    fetch(`${sandbox.url}/oauth/${action}`, { method: 'POST', body: new URLSearchParams({ state }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it('starts PENDING with a window URI that serves an Approve/Deny page without auth', async () => {
    const { member } = await oauthMember();
    expect(member).toMatchObject({ connection_status: 'PENDING', is_oauth: true, is_being_aggregated: false });
    expect(member.oauth_window_uri.startsWith(`${sandbox.url}/oauth/authorize?`)).toBe(true);
    const page = await fetch(member.oauth_window_uri);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<title>MX Bank (OAuth)</title>');
    expect(html).toMatch(/<form method="post" action="\/oauth\/approve">.*<button type="submit">Approve<\/button>/s);
    expect(html).toMatch(/<button type="submit">Deny<\/button>/);
    expect(html).toContain(`value="${stateOf(member.oauth_window_uri)}"`);
  });

  it('Approve connects the member, then verify asks for an account as usual', async () => {
    const { userGuid, member } = await oauthMember();
    const path = `/users/${userGuid}/members/${member.guid}`;
    expect((await api.post(`${path}/verify`)).status).toBe(405);
    const res = await decide('approve', stateOf(member.oauth_window_uri));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You can close this page and go back to where you started (a terminal or the widget).');
    expect(await settle(api, userGuid, member.guid)).toMatchObject({ connection_status: 'CONNECTED', is_authenticated: true, is_being_aggregated: false });
    expect((await api.get(path)).body.member.oauth_window_uri).toBeNull();
    expect((await api.post(`${path}/verify`)).status).toBe(200);
    const challenged = await settle(api, userGuid, member.guid);
    expect(challenged.challenges[0].label).toBe('Please select an account:');
    await api.put(`${path}/resume`, { member: { challenges: [{ guid: challenged.challenges[0].guid, value: challenged.challenges[0].options[0].value }] } });
    expect((await settle(api, userGuid, member.guid)).connection_status).toBe('CONNECTED');
    expect((await api.get(`${path}/account_numbers`)).body.account_numbers).toHaveLength(1);
  });

  it('Deny leaves the member DENIED with a message', async () => {
    const { userGuid, member } = await oauthMember();
    const res = await decide('deny', stateOf(member.oauth_window_uri));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You can close this page and go back to where you started (a terminal or the widget).');
    const read = (await api.get(`/users/${userGuid}/members/${member.guid}`)).body.member;
    expect(read).toMatchObject({ connection_status: 'DENIED', is_being_aggregated: false });
    expect(read.connection_status_message).toContain('denied');
  });

  it('window URIs are one-time: used or superseded tokens are expired', async () => {
    const { userGuid, member } = await oauthMember();
    const old = stateOf(member.oauth_window_uri);
    const fresh = await api.get(`/users/${userGuid}/members/${member.guid}/oauth_window_uri`);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({ member: { guid: member.guid, oauth_window_uri: expect.stringContaining('/oauth/authorize?') } });
    const next = stateOf(fresh.body.member.oauth_window_uri);
    expect(next).not.toBe(old);
    expect((await fetch(member.oauth_window_uri)).status).toBe(410);
    expect((await decide('approve', old)).status).toBe(410);
    expect((await decide('approve', next)).status).toBe(200);
    expect((await decide('deny', next)).status).toBe(410);
    expect((await fetch(fresh.body.member.oauth_window_uri)).status).toBe(410);
  });

  it('aggregates after approval unless skip_aggregation was set', async () => {
    const { userGuid, member } = await oauthMember({});
    await decide('approve', stateOf(member.oauth_window_uri));
    expect(await settle(api, userGuid, member.guid)).toMatchObject({ connection_status: 'CONNECTED', has_processed_transactions: true });
  });

  it('rejects credentials or a missing is_oauth for the OAuth bank', async () => {
    const userGuid = await createUser(api);
    expect((await api.post(`/users/${userGuid}/members`, { member: { institution_code: 'mx_bank_oauth', credentials: [] } })).status).toBe(400);
    expect((await api.post(`/users/${userGuid}/members`, { member: { institution_code: 'mx_bank_oauth', is_oauth: true, credentials: [{ guid: 'CRD-x', value: 'y' }] } })).status).toBe(400);
  });
  it('names the sandbox’s own client id in the window URI (--client-id)', async () => {
    const other = await startSandbox({ clientId: 'partner-client-7' });
    const api7 = mx(other);
    const userGuid = await createUser(api7);
    const res = await api7.post(`/users/${userGuid}/members`, { member: { institution_code: 'mx_bank_oauth', is_oauth: true, credentials: [], skip_aggregation: true } });
    expect(new URL(res.body.member.oauth_window_uri).searchParams.get('client_id')).toBe('partner-client-7');
  });
});
