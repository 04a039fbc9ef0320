import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createMxBankMember, createUser, LOGIN, mx, PASSWORD } from '../sandbox/helpers.js';
import { admin } from './sandbox-admin.js';
import { Receiver, until } from './sandbox-receiver.js';

// What the sandbox sends, key for key as MX's webhook pages give them (mx-verification-extras.md §3.3), how it
// authenticates, and the admin routes that force states and fire webhooks. The clock is frozen (injected).
const T0 = Date.parse('2026-03-02T10:00:00Z');
const receiver = new Receiver();
const members = new Receiver();
let sandbox: Sandbox;

beforeAll(async () => {
  await receiver.start();
  await members.start();
  const withAuth = receiver.url.replace('http://', 'http://hook-user:s3cret-pass@');
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '', now: () => T0, webhookUrls: [withAuth, `MEMBER=${members.url}`] });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.stop();
  await members.stop();
});

const of = (r: Receiver, member: string, type: string) => r.received.filter((x) => x.body.type === type && (x.body.member_guid ?? x.body.guid) === member);

describe('sandbox webhooks: shapes, auth and routing', () => {
  it('MEMBER created echoes X-CALLBACK-PAYLOAD, goes to the MEMBER URL, and deleted follows', async () => {
    const api = mx(sandbox, 'v20250224');
    const user = await createUser(api);
    const created = await api.call('POST', `/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: [{ guid: LOGIN, value: 'mxuser' }, { guid: PASSWORD, value: 'password' }], skip_aggregation: true },
    }, { 'x-callback-payload': 'order-42' });
    const guid = created.body.member.guid as string;
    await until(() => of(members, guid, 'MEMBER').length === 1, members);
    const [hook] = of(members, guid, 'MEMBER');
    expect(hook!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hook!.headers.authorization).toBeUndefined();
    expect(hook!.body).toMatchObject({ type: 'MEMBER', action: 'created', guid, user_guid: user, connection_status: 'CREATED', connection_status_id: 0, callback_payload: 'order-42', institution_code: 'mxbank', created_at: Date.parse('2026-03-02T10:00:00Z') / 1000 });
    expect(hook!.body).not.toHaveProperty('oauth_window_uri');
    expect(of(receiver, guid, 'MEMBER')).toEqual([]);
    const long = await api.call('PUT', `/users/${user}/members/${guid}`, { member: { metadata: 'x' } }, { 'x-callback-payload': 'a'.repeat(1025) });
    expect(long.status).toBe(400);
    expect((await api.del(`/users/${user}/members/${guid}`)).status).toBe(204);
    await until(() => of(members, guid, 'MEMBER').length === 2, members);
    expect(of(members, guid, 'MEMBER')[1]!.body).toMatchObject({ action: 'deleted', guid, callback_payload: 'order-42' });
  });

  it('Basic auth from the URL user info reaches the receiver; the endpoint list never shows it', async () => {
    const api = mx(sandbox);
    const member = await createMxBankMember(api, await createUser(api), 'mxuser', 'LOCKED', { skip_aggregation: false });
    await until(() => of(receiver, member, 'CONNECTION_STATUS').length === 1, receiver);
    const [hook] = of(receiver, member, 'CONNECTION_STATUS');
    expect(hook!.headers.authorization).toBe(`Basic ${Buffer.from('hook-user:s3cret-pass').toString('base64')}`);
    expect(hook!.body).toEqual({
      action: 'CHANGED', connection_status: 'LOCKED', connection_status_id: 5, connection_status_message: expect.any(String),
      member_guid: member, type: 'CONNECTION_STATUS', user_guid: expect.stringMatching(/^USR-/),
    });
    const listed = await admin(sandbox, 'GET', '/_sandbox/webhooks/endpoints');
    expect(JSON.stringify(listed.body)).not.toContain('s3cret');
    expect(listed.body.endpoints.map((e: { type: string | null }) => e.type)).toEqual([null, 'MEMBER']);
  });

  it('a verification sends VERIFICATION with the verified account guids; v20250224 adds INITIAL_DATA_READY', async () => {
    const api = mx(sandbox, 'v20250224');
    const user = await createUser(api);
    const created = await api.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: [{ guid: LOGIN, value: 'mxuser_one_account' }, { guid: PASSWORD, value: 'password' }] },
      data_request: { products: ['account_verification'] },
    });
    const guid = created.body.member.guid as string;
    await until(() => of(receiver, guid, 'initial_data_ready').length === 1, receiver);
    const numbers = await api.get(`/users/${user}/members/${guid}/account_numbers`);
    const accounts = numbers.body.account_numbers.map((n: { account_guid: string }) => n.account_guid);
    expect(accounts.length).toBe(1);
    const [verification] = of(receiver, guid, 'VERIFICATION');
    expect(verification!.body).toEqual({
      type: 'VERIFICATION', accounts, action: 'member_data_updated', user_guid: user, user_id: expect.any(String), member_guid: guid,
      job_guid: expect.stringMatching(/^JOB-/), completed_at: T0 / 1000, completed_on: '2026-03-02',
    });
    const order = receiver.received.filter((r) => (r.body.member_guid ?? r.body.guid) === guid).map((r) => r.body.type);
    expect(order).toEqual(['VERIFICATION', 'initial_data_ready']);
    expect(of(receiver, guid, 'initial_data_ready')[0]!.body).toEqual({ type: 'initial_data_ready', guid: expect.any(String), client_guid: expect.stringMatching(/^CLT-[0-9a-f]{32}$/), user_guid: user, member_guid: guid });
  });

  it('on v20111101 an aggregation sends AGGREGATION and no INITIAL_DATA_READY', async () => {
    const api = mx(sandbox);
    const member = await createMxBankMember(api, await createUser(api), 'mxuser', 'password', { skip_aggregation: false });
    await until(() => of(receiver, member, 'AGGREGATION').length === 1, receiver);
    expect(of(receiver, member, 'AGGREGATION')[0]!.body).toMatchObject({ action: 'member_data_updated', is_background: false, transactions_created_count: 0, type: 'AGGREGATION' });
    await admin(sandbox, 'POST', `/_sandbox/members/${member}/webhooks`, { type: 'CONNECTION_STATUS' });
    await until(() => of(receiver, member, 'CONNECTION_STATUS').length === 1, receiver);
    expect(of(receiver, member, 'initial_data_ready')).toEqual([]);
  });
});

describe('sandbox admin: forced states, fired webhooks, the clock', () => {
  it('forces DENIED (as after a password change): webhook, needs_updated_credentials, and the next verify is denied too', async () => {
    const api = mx(sandbox);
    const user = await createUser(api);
    const member = await createMxBankMember(api, user, 'mxuser', 'password');
    const forced = await admin(sandbox, 'POST', `/_sandbox/members/${member}/status`, { connection_status: 'DENIED' });
    expect(forced.status).toBe(200);
    expect(forced.body.member).toMatchObject({ guid: member, connection_status: 'DENIED', needs_updated_credentials: true });
    await until(() => of(receiver, member, 'CONNECTION_STATUS').length === 1, receiver);
    expect(of(receiver, member, 'CONNECTION_STATUS')[0]!.body).toMatchObject({ connection_status: 'DENIED', connection_status_id: 2 });
    await api.post(`/users/${user}/members/${member}/verify`);
    expect((await api.get(`/users/${user}/members/${member}/status`)).body.member.connection_status).toBe('DENIED');
  });

  it('forces CHALLENGED with a chosen type; unanswered, it turns EXPIRED when the clock passes the expiry, read or not', async () => {
    const api = mx(sandbox);
    const user = await createUser(api);
    const member = await createMxBankMember(api, user, 'mxuser', 'password');
    await admin(sandbox, 'POST', `/_sandbox/members/${member}/status`, { connection_status: 'CHALLENGED', challenge_type: 'IMAGE_OPTIONS' });
    const challenges = await api.get(`/users/${user}/members/${member}/challenges`);
    expect(challenges.body.challenges.map((c: { type: string }) => c.type)).toEqual(['IMAGE_OPTIONS']);
    await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by: '10m' });
    await until(() => of(receiver, member, 'CONNECTION_STATUS').length === 2, receiver);
    expect(of(receiver, member, 'CONNECTION_STATUS').map((r) => r.body.connection_status)).toEqual(['CHALLENGED', 'EXPIRED']);
  });

  it('a forced challenge answered "correct" resumes the job', async () => {
    const api = mx(sandbox);
    const user = await createUser(api);
    const member = await createMxBankMember(api, user, 'mxuser_one_account', 'password');
    await admin(sandbox, 'POST', `/_sandbox/members/${member}/status`, { connection_status: 'CHALLENGED', challenge_type: 'TOKEN' });
    const [challenge] = (await api.get(`/users/${user}/members/${member}/challenges`)).body.challenges;
    const resumed = await api.put(`/users/${user}/members/${member}/resume`, { member: { challenges: [{ guid: challenge.guid, value: 'correct' }] } });
    expect(resumed.status).toBe(202);
    expect((await api.get(`/users/${user}/members/${member}/status`)).body.member.connection_status).toBe('CONNECTED');
  });

  it('fires any type for a member and answers the event; bad input is 400 and an unknown member 404, in MX\'s envelope', async () => {
    const api = mx(sandbox);
    const member = await createMxBankMember(api, await createUser(api), 'mxuser', 'password');
    const fired = await admin(sandbox, 'POST', `/_sandbox/members/${member}/webhooks`, { type: 'MEMBER', action: 'updated' });
    expect(fired.body.event).toMatchObject({ id: expect.stringMatching(/^WHK-/), type: 'MEMBER', action: 'updated', member_guid: member, state: 'pending', payload: { guid: member, action: 'updated' } });
    await until(() => of(members, member, 'MEMBER').length === 2, members);
    expect(of(members, member, 'MEMBER').map((r) => r.body.action)).toEqual(['created', 'updated']);
    const listed = await admin(sandbox, 'GET', `/_sandbox/webhooks/events?member_guid=${member}&type=MEMBER`);
    expect(listed.body.events.map((e: { action: string; member_guid: string }) => [e.member_guid, e.action])).toEqual([[member, 'created'], [member, 'updated']]);
    expect(await admin(sandbox, 'POST', `/_sandbox/members/${member}/webhooks`, { type: 'NOPE' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('"type" is one of') } } });
    expect(await admin(sandbox, 'POST', '/_sandbox/members/MBR-nope/status', { connection_status: 'DENIED' })).toMatchObject({ status: 404, body: { error: { message: expect.any(String) } } });
    expect((await admin(sandbox, 'POST', `/_sandbox/members/${member}/status`, { connection_status: 'SLEEPY' })).status).toBe(400);
    expect((await admin(sandbox, 'POST', '/_sandbox/members/__proto__/status', { connection_status: 'DENIED' })).status).toBe(404);
  });

  it('the clock reads and advances; bad durations are 400; no credentials is 401', async () => {
    const before = (await admin(sandbox, 'GET', '/_sandbox/clock')).body.clock;
    expect(Date.parse(before.now)).toBe(T0 + before.offset_ms);
    const after = await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by: '1h30m' });
    expect(after.body.clock.offset_ms - before.offset_ms).toBe(5_400_000);
    expect((await admin(sandbox, 'POST', '/_sandbox/clock/advance', { ms: 1000 })).body.clock.offset_ms - before.offset_ms).toBe(5_401_000);
    expect((await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by: 'soon' })).status).toBe(400);
    expect((await admin(sandbox, 'POST', '/_sandbox/clock/advance', { ms: -5 })).status).toBe(400);
    expect((await fetch(`${sandbox.url}/_sandbox/clock`)).status).toBe(401);
    expect((await admin(sandbox, 'GET', '/_sandbox/nothing')).status).toBe(404);
  });

  it('endpoints are added with a bearer token and removed while the sandbox runs', async () => {
    const extra = await new Receiver().start();
    try {
      const added = await admin(sandbox, 'POST', '/_sandbox/webhooks/endpoints', { url: extra.url, type: 'AGGREGATION', bearer_token: 'tok-1' });
      expect(added.body.endpoint).toMatchObject({ id: expect.stringMatching(/^WHE-/), url: extra.url, type: 'AGGREGATION' });
      const api = mx(sandbox);
      const member = await createMxBankMember(api, await createUser(api), 'mxuser', 'password', { skip_aggregation: false });
      await until(() => of(extra, member, 'AGGREGATION').length === 1, extra);
      expect(of(extra, member, 'AGGREGATION')[0]!.headers.authorization).toBe('Bearer tok-1');
      expect(of(receiver, member, 'AGGREGATION')).toEqual([]);
      expect((await admin(sandbox, 'DELETE', `/_sandbox/webhooks/endpoints/${added.body.endpoint.id}`)).status).toBe(204);
      expect((await admin(sandbox, 'DELETE', `/_sandbox/webhooks/endpoints/${added.body.endpoint.id}`)).status).toBe(404);
      expect((await admin(sandbox, 'POST', '/_sandbox/webhooks/endpoints', { url: 'ftp://x' })).status).toBe(400);
    } finally {
      await extra.stop();
    }
  });
});
