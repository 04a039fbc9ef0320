import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createMxBankMember, createUser, mx, settle } from '../sandbox/helpers.js';
import { admin } from './sandbox-admin.js';
import { Receiver, until } from './sandbox-receiver.js';
import { webhookErrors } from './schemas/validate.js';

// MX's Balance webhook (https://docs.mx.com/resources/webhooks/balance): sent "only after a completed balance
// fetch", with exactly the page's keys, on both versions, in order with the member's other webhooks. A MEMBER
// updated fired last is an in-order marker, so what is absent before it is really absent. The clock is frozen.
const T0 = Date.parse('2026-03-02T10:00:00Z');
const receiver = new Receiver();
let sandbox: Sandbox;

beforeAll(async () => {
  await receiver.start();
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '', now: () => T0, webhookUrls: [receiver.url] });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.stop();
});

const mine = (member: string) => receiver.received.filter((r) => (r.body.member_guid ?? r.body.guid) === member);

/** The member's webhooks up to a marker fired now, as `TYPE action` (`TYPE status` for CONNECTION_STATUS). */
async function webhooksOf(member: string): Promise<string[]> {
  await admin(sandbox, 'POST', `/_sandbox/members/${member}/webhooks`, { type: 'MEMBER', action: 'updated' });
  await until(() => mine(member).some((r) => r.body.type === 'MEMBER' && r.body.action === 'updated'), receiver);
  return mine(member).map((r) => [r.body.type, r.body.type === 'CONNECTION_STATUS' ? r.body.connection_status : r.body.action].filter(Boolean).join(' '));
}

const balanceBody = (user: string, member: string, extra: Record<string, unknown> = {}) => ({
  action: 'member_data_updated', completed_at: T0 / 1000, completed_on: '2026-03-02', member_guid: member, type: 'BALANCE', user_guid: user, ...extra,
});

describe('BALANCE webhooks from the sandbox', () => {
  it.each(['v20111101', 'v20250224'] as ApiVersion[])('%s: a finished check_balance sends BALANCE (not AGGREGATION), with the callback payload', async (version) => {
    const api = mx(sandbox, version);
    const user = await createUser(api);
    const created = await api.call('POST', `/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: [{ guid: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1', value: 'mxuser' }, { guid: 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d', value: 'password' }], skip_aggregation: true },
    }, { 'x-callback-payload': 'order-7' });
    const member = created.body.member.guid as string;
    expect((await api.post(`/users/${user}/members/${member}/check_balance`)).status).toBe(202);
    expect((await settle(api, user, member)).connection_status).toBe('CONNECTED');
    // v20250224 has no skip_aggregation: its create aggregates first (and, created there, says its data is ready).
    const create = version === 'v20250224' ? ['AGGREGATION member_data_updated', 'initial_data_ready'] : [];
    expect(await webhooksOf(member)).toEqual(['MEMBER created', ...create, 'BALANCE member_data_updated', 'MEMBER updated']);
    const [balance] = mine(member).filter((r) => r.body.type === 'BALANCE');
    expect(balance!.body).toEqual(balanceBody(user, member, { callback_payload: 'order-7' }));
    expect(balance!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(webhookErrors(balance!.body)).toEqual([]);
  });

  it('a check_balance that is challenged sends CONNECTION_STATUS CHALLENGED, then BALANCE once answered', async () => {
    const api = mx(sandbox);
    const user = await createUser(api);
    const member = await createMxBankMember(api, user, 'mxuser_one_account', 'token');
    await api.post(`/users/${user}/members/${member}/check_balance`);
    const stopped = await settle(api, user, member);
    expect(stopped.connection_status).toBe('CHALLENGED');
    await api.put(`/users/${user}/members/${member}/resume`, { member: { challenges: [{ guid: stopped.challenges[0].guid, value: 'correct' }] } });
    expect((await settle(api, user, member)).connection_status).toBe('CONNECTED');
    expect(await webhooksOf(member)).toEqual(['MEMBER created', 'CONNECTION_STATUS CHALLENGED', 'BALANCE member_data_updated', 'MEMBER updated']);
    expect(mine(member).find((r) => r.body.type === 'BALANCE')!.body).toEqual(balanceBody(user, member));
  });

  it('a check_balance that fails (LOCKED) sends no BALANCE; neither do verification and aggregation', async () => {
    const api = mx(sandbox);
    const user = await createUser(api);
    const locked = await createMxBankMember(api, user, 'mxuser', 'LOCKED');
    await api.post(`/users/${user}/members/${locked}/check_balance`);
    await settle(api, user, locked);
    expect(await webhooksOf(locked)).toEqual(['MEMBER created', 'CONNECTION_STATUS LOCKED', 'MEMBER updated']);
    const verified = await createMxBankMember(api, user, 'mxuser_one_account', 'password', { skip_aggregation: false });
    await settle(api, user, verified);
    await api.post(`/users/${user}/members/${verified}/verify`);
    await settle(api, user, verified);
    expect(await webhooksOf(verified)).toEqual(['MEMBER created', 'AGGREGATION member_data_updated', 'VERIFICATION member_data_updated', 'MEMBER updated']);
  });

  it('the admin route fires BALANCE for a member now', async () => {
    const api = mx(sandbox);
    const user = await createUser(api);
    const member = await createMxBankMember(api, user, 'mxuser', 'password');
    const fired = await admin(sandbox, 'POST', `/_sandbox/members/${member}/webhooks`, { type: 'BALANCE' });
    expect(fired.status).toBe(200);
    expect(fired.body.event).toMatchObject({ type: 'BALANCE', action: 'member_data_updated', member_guid: member, user_guid: user, payload: balanceBody(user, member) });
    expect(await webhooksOf(member)).toEqual(['MEMBER created', 'BALANCE member_data_updated', 'MEMBER updated']);
    expect(mine(member).find((r) => r.body.type === 'BALANCE')!.body).toEqual(balanceBody(user, member));
  });
});

describe('BALANCE on the sandbox clock', () => {
  it('a balance check nobody reads finishes when the clock is advanced, and its BALANCE is stamped with that time', async () => {
    const rx = await new Receiver().start();
    const timed = await createSandbox({ port: 0, jobMs: 60_000, recordPath: '', now: () => T0, webhookUrls: [rx.url] });
    try {
      const api = mx(timed);
      const user = await createUser(api);
      const member = await createMxBankMember(api, user, 'mxuser_one_account', 'password');
      await api.post(`/users/${user}/members/${member}/check_balance`);
      const before = await admin(timed, 'GET', '/_sandbox/webhooks/events?type=BALANCE');
      expect(before.body.events).toEqual([]);
      await admin(timed, 'POST', '/_sandbox/clock/advance', { by: '1h' });
      await until(() => rx.received.some((r) => r.body.type === 'BALANCE'), rx);
      const balance = rx.received.find((r) => r.body.type === 'BALANCE')!;
      const read = (await api.get(`/users/${user}/members/${member}`)).body.member;
      expect(read.connection_status).toBe('CONNECTED');
      const at = Date.parse(read.aggregated_at);
      expect(at).toBeGreaterThan(T0);
      expect(balance.body).toEqual({ ...balanceBody(user, member), completed_at: at / 1000, completed_on: '2026-03-02' });
    } finally {
      await timed.close();
      await rx.stop();
    }
  });
});
