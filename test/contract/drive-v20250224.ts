import { expect } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { VERIFY_CASES } from './drive-scenarios.js';

// The same scenarios on v20250224, by raw HTTP with MX's headers (Accept: application/json, Accept-Version:
// v20250224): the verification starts with the member (data_request), so a new member gets no verify call.
// Raw fetch, not the client: it sends what mx-iav's client never does (partner ids in paths, a create without
// data_request, refusals), so the sandbox's answers to those are held against the spec too.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw client reads whatever MX sent
type Json = any;
interface Answer {
  status: number;
  body: Json;
}
export type V25 = (method: string, path: string, body?: unknown) => Promise<Answer>;

export function v25Client(sandbox: Pick<Sandbox, 'url' | 'clientId'>, apiKey: string, headers: Record<string, string> = { accept: 'application/json', 'accept-version': 'v20250224' }): V25 {
  const authorization = `Basic ${Buffer.from(`${sandbox.clientId}:${apiKey}`).toString('base64')}`;
  return async (method, path, body) => {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: { authorization, ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : (JSON.parse(text) as Json) };
  };
}

/** The answer's body, after checking its status. */
async function expectStatus(call: Promise<Answer>, status: number, what = ''): Promise<Json> {
  const answer = await call;
  expect(answer.status, `${what} ${JSON.stringify(answer.body)}`).toBe(status);
  return answer.body;
}

const VERIFICATION = { products: ['account_verification'] };

/** Reads the status until the job rests; the contract sandboxes run jobMs 0, so each read reaches the next stop. */
async function settle(api: V25, user: string, member: string): Promise<Json> {
  for (let poll = 0; poll < 50; poll++) {
    const status = (await expectStatus(api('GET', `/users/${user}/members/${member}/status`), 200)).member;
    if (status.connection_status === 'CHALLENGED' || status.is_being_aggregated === false) return status;
  }
  throw new Error(`member ${member} never settled (is the sandbox's jobMs 0?)`);
}

async function credentialsFor(api: V25, institution: string, username = 'mxuser', password = 'correct') {
  const fields = (await expectStatus(api('GET', `/institutions/${institution}/credentials`), 200)).credentials as Json[];
  return fields.map((f) => ({ guid: f.guid, value: f.field_name === 'LOGIN' ? username : f.field_name === 'PASSWORD' ? password : '1234' }));
}

/** Polls, answers every challenge (MFA answers in order, then "correct"; the first offered account), polls again. */
async function finish(api: V25, user: string, member: string, answers: string[] = []): Promise<Json> {
  const left = [...answers];
  let status = await settle(api, user, member);
  for (let round = 0; status.connection_status === 'CHALLENGED' && round < 10; round++) {
    const challenges = (await expectStatus(api('GET', `/users/${user}/members/${member}/challenges`), 200)).challenges as Json[];
    const replies = challenges.map((c) => ({ guid: c.guid, value: c.label === 'Please select an account:' ? c.options[0].value : (left.shift() ?? 'correct') }));
    await expectStatus(api('PUT', `/users/${user}/members/${member}/resume`, { member: { challenges: replies } }), 202);
    status = await settle(api, user, member);
  }
  return status;
}

export async function driveVerificationsV25(api: V25, limit = VERIFY_CASES.length): Promise<void> {
  for (const c of VERIFY_CASES.slice(0, limit)) {
    const user = (await expectStatus(api('POST', '/users', { user: { metadata: `contract v20250224: ${c.name}` } }), 200)).user.guid;
    const credentials = await credentialsFor(api, c.institution, c.username, c.password);
    const created = await expectStatus(api('POST', `/users/${user}/members`, { member: { institution_code: c.institution, credentials }, data_request: VERIFICATION }), 202, c.name);
    const final = await finish(api, user, created.member.guid, c.answers);
    expect(final.connection_status, c.name).toBe(c.final);
    if (c.numbers === undefined || final.connection_status !== 'CONNECTED') continue;
    const numbers = (await expectStatus(api('GET', `/users/${user}/members/${created.member.guid}/account_numbers`), 200)).account_numbers as Json[];
    expect(numbers, c.name).toHaveLength(c.numbers);
    if (!c.numbers) continue;
    await expectStatus(api('GET', `/users/${user}/accounts/${numbers[0].account_guid}/account_numbers`), 200);
    await expectStatus(api('GET', `/users/${user}/members/${created.member.guid}/accounts`), 200);
  }
}

/** Both OAuth test institutions: the window URI, Approve (the data_request verification runs) or Deny. */
export async function driveOAuthV25(api: V25, sandboxUrl: string): Promise<void> {
  const user = (await expectStatus(api('POST', '/users', { user: { metadata: 'contract v20250224: oauth' } }), 200)).user.guid;
  for (const [institution, decision] of [['mxcu_oauth', 'approve'], ['mx_bank_oauth', 'deny']] as const) {
    const body = { member: { institution_code: institution, credentials: [], is_oauth: true }, data_request: VERIFICATION };
    const member = (await expectStatus(api('POST', `/users/${user}/members`, body), 200)).member;
    expect(member.connection_status).toBe('PENDING');
    const window = (await expectStatus(api('GET', `/users/${user}/members/${member.guid}/oauth_window_uri`), 200)).member;
    const state = new URL(window.oauth_window_uri).searchParams.get('state') ?? '';
    expect((await fetch(`${sandboxUrl}/oauth/${decision}`, { method: 'POST', body: new URLSearchParams({ state }) })).status).toBe(200);
    const final = await finish(api, user, member.guid);
    expect(final.connection_status).toBe(decision === 'approve' ? 'CONNECTED' : 'DENIED');
    if (decision === 'deny') await expectStatus(api('POST', `/users/${user}/members/${member.guid}/verify`), 405);
  }
}

/** Users, institutions and members: every read and write, with partner ids in the path where v20250224 allows them. */
export async function driveUsersAndMembersV25(api: V25): Promise<void> {
  const users: Json[] = [];
  for (let i = 0; i < 12; i++) users.push((await expectStatus(api('POST', '/users', { user: { id: `v25-user-${i}`, email: `v25-${i}@example.com` } }), 200)).user);
  expect((await expectStatus(api('GET', '/users?id=v25-user-3'), 200)).users.map((u: Json) => u.guid)).toEqual([users[3].guid]);
  await expectStatus(api('GET', '/users?page=2&records_per_page=10'), 200);
  await expectStatus(api('GET', '/users/v25-user-0'), 200);
  await expectStatus(api('PUT', '/users/v25-user-0', { user: { metadata: 'updated' } }), 200);
  const search = await expectStatus(api('GET', '/institutions?name=mx&supported_products=account_verification&records_per_page=10'), 200);
  expect(search.institutions.map((i: Json) => i.code)).toContain('mxbank');
  await expectStatus(api('GET', '/institutions?page=2&records_per_page=10'), 200);
  const mxbank = (await expectStatus(api('GET', '/institutions/mxbank'), 200)).institution;
  await expectStatus(api('GET', `/institutions/${mxbank.guid}/credentials`), 200);

  const credentials = await credentialsFor(api, 'mxbank');
  const created = await expectStatus(api('POST', '/users/v25-user-0/members', { member: { id: 'v25-member', institution_code: 'mxbank', credentials, metadata: 'aggregates' } }), 202);
  await settle(api, 'v25-user-0', 'v25-member');
  await expectStatus(api('GET', '/users/v25-user-0/members/v25-member'), 200);
  await expectStatus(api('GET', '/users/v25-user-0/members?page=1&records_per_page=10'), 200);
  await expectStatus(api('PUT', '/users/v25-user-0/members/v25-member', { member: { metadata: 'renamed' } }), 200);
  // Re-verifying an existing member is what POST /verify is for on v20250224.
  const verified = await expectStatus(api('POST', `/users/${users[0].guid}/members/${created.member.guid}/verify`), 200);
  expect(verified.member.is_being_aggregated).toBe(true);
  expect((await finish(api, 'v25-user-0', 'v25-member')).connection_status).toBe('CONNECTED');
  await expectStatus(api('GET', `/users/${users[0].guid}/members/${created.member.guid}/account_numbers`), 200);
  await expectStatus(api('DELETE', '/users/v25-user-0/members/v25-member'), 204);
  await expectStatus(api('DELETE', '/users/v25-user-11'), 204);
}

/** MX's documented error answers on v20250224, 201 for a failed product and the 406 refusals. */
export async function driveErrorsV25(api: V25, wrongKey: V25, unversioned: V25): Promise<void> {
  const user = (await expectStatus(api('POST', '/users', { user: { metadata: 'contract v20250224: errors' } }), 200)).user.guid;
  await expectStatus(api('GET', '/users/USR-00000000-0000-0000-0000-000000000000'), 404);
  await expectStatus(api('GET', '/institutions/no_such_bank'), 404);
  await expectStatus(api('PUT', `/users/${user}`, { user: {} }), 400);
  const credentials = await credentialsFor(api, 'mxbank', 'mxuser_one_account');
  const member = (await expectStatus(api('POST', `/users/${user}/members`, { member: { institution_code: 'mxbank', credentials }, data_request: VERIFICATION }), 202)).member;
  expect((await finish(api, user, member.guid)).connection_status).toBe('CONNECTED');
  await expectStatus(api('PUT', `/users/${user}/members/${member.guid}/resume`, { member: { challenges: [{ guid: 'CRD-x', value: 'correct' }] } }), 405);
  await expectStatus(api('GET', `/users/${user}/members/${member.guid}/challenges`), 204);
  await expectStatus(api('POST', `/users/${user}/members`, { member: { institution_code: 'mxbank', credentials }, data_request: VERIFICATION }), 409);
  const broker = await credentialsFor(api, 'harborview_brokerage');
  const partial = (await expectStatus(api('POST', `/users/${user}/members`, { member: { institution_code: 'harborview_brokerage', credentials: broker }, data_request: VERIFICATION }), 201)).member;
  await settle(api, user, partial.guid);
  await expectStatus(api('POST', `/users/${user}/members/${partial.guid}/verify`), 400);
  await expectStatus(wrongKey('GET', '/institutions'), 401);
  await expectStatus(unversioned('GET', '/institutions'), 406);
}

/** On a sandbox whose jobs take long: verify while the create-started verification runs is 409. */
export async function driveRunningJobsV25(api: V25): Promise<void> {
  const user = (await expectStatus(api('POST', '/users', { user: { metadata: 'contract v20250224: running jobs' } }), 200)).user.guid;
  const credentials = await credentialsFor(api, 'mxbank', 'mxuser', 'a');
  const member = (await expectStatus(api('POST', `/users/${user}/members`, { member: { institution_code: 'mxbank', credentials }, data_request: VERIFICATION }), 202)).member;
  await expectStatus(api('POST', `/users/${user}/members/${member.guid}/verify`), 409);
}
