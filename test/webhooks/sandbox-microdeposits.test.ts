import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createMxBankMember, createUser, mx } from '../sandbox/helpers.js';
import { admin } from './sandbox-admin.js';
import { Receiver, until } from './sandbox-receiver.js';
import { webhookErrors } from './schemas/validate.js';

// MX's Microdeposits webhook (https://docs.mx.com/resources/webhooks/microdeposits): `created`, then `updated` on
// every status change, including REQUESTED -> DEPOSITED, which the sandbox's clock brings about with nobody reading
// the micro-deposit. The clock is injected and frozen; only /_sandbox/clock/advance moves it.
const T0 = Date.parse('2026-03-02T10:00:00Z');
const DELAY = 120_000;
const receiver = new Receiver();
let sandbox: Sandbox;

beforeAll(async () => {
  await receiver.start();
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '', now: () => T0, microDepositDelayMs: DELAY, webhookUrls: [receiver.url] });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.stop();
});

const of = (guid: string) => receiver.received.filter((r) => r.body.micro_deposit?.guid === guid);
const statuses = (guid: string) => of(guid).map((r) => `${r.body.action} ${r.body.micro_deposit.status_name}`);
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
// A second request for an account a micro-deposit holds is CONFLICTED, so each test's account is its own.
let accounts = 0;
const account = () => ({ account_number: `33331234${(accounts += 1)}`, account_type: 'CHECKING', routing_number: '091000019' });

async function createMicroDeposit(version: ApiVersion, details: Record<string, unknown> = account()) {
  const api = mx(sandbox, version);
  const userId = `partner-${Math.random()}`;
  // Tests before this one advanced the shared clock; the create is timed from where it is now.
  const at = sandbox.now();
  const user = await createUser(api, { id: userId });
  const created = await api.post(`/users/${user}/micro_deposits`, { micro_deposit: details });
  expect(created.status).toBe(200);
  return { api, user, userId, at, accountNumber: details.account_number, guid: created.body.micro_deposit.guid as string };
}

interface Made { user: string; userId: string; guid: string; at: number; accountNumber: unknown }
const body = ({ user, userId, guid, at, accountNumber }: Made, action: string, status: number, name: string, updatedAt: number, extra: Record<string, unknown> = {}) => ({
  action,
  version: 1,
  micro_deposit: {
    account_number: accountNumber, account_type: 1, created_at: iso(at), guid, institution_guid: null, routing_number: '091000019',
    status, status_name: name, updated_at: iso(updatedAt), user_guid: user, user_id: userId, ...extra,
  },
});

describe('MICRODEPOSITS webhooks from the sandbox', () => {
  it.each(['v20111101', 'v20250224'] as ApiVersion[])('%s: created, REQUESTED, DEPOSITED when the clock passes the delay (unread), DENIED, VERIFIED: exact bodies, in order', async (version) => {
    const made = await createMicroDeposit(version);
    const { api, guid, at } = made;
    // Nobody reads it: the sandbox's own tick moves it to REQUESTED, and the clock's advance to DEPOSITED.
    await until(() => of(guid).length === 2, receiver);
    expect(statuses(guid)).toEqual(['created INITIATED', 'updated REQUESTED']);
    expect((await admin(sandbox, 'GET', '/_sandbox/webhooks/events?type=MICRODEPOSITS')).body.events.filter((e: { payload: { micro_deposit: { guid: string } } }) => e.payload.micro_deposit.guid === guid).length).toBe(2);
    await admin(sandbox, 'POST', '/_sandbox/clock/advance', { ms: DELAY });
    await until(() => of(guid).length === 3, receiver);
    expect(statuses(guid)).toEqual(['created INITIATED', 'updated REQUESTED', 'updated DEPOSITED']);
    const verify = (amounts: [number, number]) => api.put(`/micro_deposits/${guid}/verify`, { micro_deposit: { deposit_amount_1: amounts[0], deposit_amount_2: amounts[1] } });
    expect((await verify([0.01, 0.02])).body.micro_deposit.status).toBe('DENIED');
    expect((await verify([0.15, 0.12])).body.micro_deposit.status).toBe('VERIFIED');
    await until(() => of(guid).length === 5, receiver);
    const later = at + DELAY;
    expect(of(guid).map((r) => r.body)).toEqual([
      body(made, 'created', 0, 'INITIATED', at),
      body(made, 'updated', 1, 'REQUESTED', at),
      body(made, 'updated', 2, 'DEPOSITED', later),
      body(made, 'updated', 5, 'DENIED', later),
      body(made, 'updated', 3, 'VERIFIED', later, { verified_at: iso(later) }),
    ]);
    for (const r of of(guid)) {
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(webhookErrors(r.body)).toEqual([]);
    }
  });

  it('a rejected request is one created webhook and nothing after it; a repeated status sends nothing', async () => {
    const { api, guid } = await createMicroDeposit('v20111101', { ...account(), account_number: '1234' });
    const held = await createMicroDeposit('v20111101');
    await until(() => of(held.guid).length === 2, receiver);
    await admin(sandbox, 'POST', '/_sandbox/clock/advance', { ms: DELAY });
    await until(() => of(held.guid).length === 3, receiver);
    const wrong = { micro_deposit: { deposit_amount_1: 0.01, deposit_amount_2: 0.02 } };
    await held.api.put(`/micro_deposits/${held.guid}/verify`, wrong);
    await held.api.put(`/micro_deposits/${held.guid}/verify`, wrong);
    expect((await api.get(`/users/${held.user}/micro_deposits/${held.guid}`)).body.micro_deposit.status).toBe('DENIED');
    // The marker: a fired webhook, after which (in order per micro-deposit) nothing earlier is still on its way.
    for (const g of [guid, held.guid]) {
      expect((await admin(sandbox, 'POST', `/_sandbox/micro_deposits/${g}/webhooks`, {})).body.event).toMatchObject({ type: 'MICRODEPOSITS', action: 'updated', member_guid: null });
    }
    await until(() => of(guid).length === 2 && of(held.guid).length === 5, receiver);
    expect(statuses(guid)).toEqual(['created REJECTED', 'updated REJECTED']);
    expect(statuses(held.guid)).toEqual(['created INITIATED', 'updated REQUESTED', 'updated DEPOSITED', 'updated DENIED', 'updated DENIED']);
  });

  it('admin: a micro-deposit route fires one; the member route refuses the type; bad input is MX\'s envelope', async () => {
    const made = await createMicroDeposit('v20250224');
    const { user, guid } = made;
    await until(() => of(guid).length === 2, receiver);
    const fired = await admin(sandbox, 'POST', `/_sandbox/micro_deposits/${guid}/webhooks`, { action: 'created' });
    expect(fired.body.event).toMatchObject({ type: 'MICRODEPOSITS', action: 'created', user_guid: user, member_guid: null, payload: body(made, 'created', 1, 'REQUESTED', made.at) });
    const member = await createMxBankMember(mx(sandbox), await createUser(mx(sandbox)), 'mxuser', 'password');
    expect(await admin(sandbox, 'POST', `/_sandbox/members/${member}/webhooks`, { type: 'MICRODEPOSITS' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('/_sandbox/micro_deposits/') } } });
    expect(await admin(sandbox, 'POST', `/_sandbox/micro_deposits/${guid}/webhooks`, { action: 'deleted' })).toMatchObject({ status: 400, body: { error: { message: expect.any(String) } } });
    expect((await admin(sandbox, 'POST', '/_sandbox/micro_deposits/MIC-nope/webhooks', {})).status).toBe(404);
    expect((await admin(sandbox, 'POST', '/_sandbox/micro_deposits/__proto__/webhooks', {})).status).toBe(404);
  });
});
