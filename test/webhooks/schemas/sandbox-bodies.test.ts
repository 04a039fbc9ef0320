import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { createMxBankMember, createUser, LOGIN, mx, PASSWORD, settle } from '../../sandbox/helpers.js';
import { admin, loggedWhen } from '../sandbox-admin.js';
import { Receiver, until } from '../sandbox-receiver.js';
import { kindOf, webhookErrors } from './validate.js';

// Every body the sandbox sends, on both API versions, for what a member goes through (created, challenged or
// locked, verified, aggregated, deleted) and for each type fired by the admin route, checked against the schemas
// written from MX's pages.
const receiver = new Receiver();
let sandbox: Sandbox;

beforeAll(async () => {
  await receiver.start();
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '', webhookUrls: [receiver.url] });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.stop();
});

const credentials = (username: string, password: string) => [
  { guid: LOGIN, value: username },
  { guid: PASSWORD, value: password },
];

async function lifeOfMembers(version: 'v20111101' | 'v20250224') {
  const api = mx(sandbox, version);
  const user = await createUser(api);
  const locked = await createMxBankMember(api, user, 'mxuser', 'LOCKED', { skip_aggregation: false });
  const aggregated = await createMxBankMember(api, user, 'mxuser_no_dda', 'password', { skip_aggregation: false });
  let verified: string;
  if (version === 'v20250224') {
    const res = await api.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: credentials('mxuser_one_account', 'password') },
      data_request: { products: ['account_verification'] },
    });
    verified = res.body.member.guid;
  } else {
    verified = await createMxBankMember(api, user, 'mxuser_one_account', 'password');
    expect((await api.post(`/users/${user}/members/${verified}/verify`, {})).status).toBeLessThan(300);
  }
  for (const member of [locked, aggregated, verified]) await settle(api, user, member);
  for (const type of ['MEMBER', 'VERIFICATION', 'AGGREGATION', 'INITIAL_DATA_READY']) {
    expect((await admin(sandbox, 'POST', `/_sandbox/members/${verified}/webhooks`, { type })).status).toBe(200);
  }
  expect((await admin(sandbox, 'POST', `/_sandbox/members/${locked}/webhooks`, { type: 'CONNECTION_STATUS' })).status).toBe(200);
  for (const connection_status of ['EXPIRED', 'CHALLENGED', 'DENIED']) {
    expect((await admin(sandbox, 'POST', `/_sandbox/members/${aggregated}/status`, { connection_status })).status).toBe(200);
  }
  expect((await api.del(`/users/${user}/members/${aggregated}`)).status).toBe(204);
  return aggregated;
}

describe('the sandbox delivers only bodies valid against the schemas written from MX pages', () => {
  it.each(['v20111101', 'v20250224'] as const)('%s: members created, locked, challenged, verified, aggregated, deleted, and fired', async (version) => {
    const before = receiver.received.length;
    const deleted = await lifeOfMembers(version);
    // Every member's queue is its own: wait until the log has nothing pending (bounded) and the deletion is in.
    await loggedWhen(sandbox, (log) => log.every((e) => e.state !== 'pending'));
    await until(() => receiver.received.some((r) => r.body.type === 'MEMBER' && r.body.action === 'deleted' && r.body.guid === deleted), receiver);
    const bodies = receiver.received.slice(before).map((r) => r.body);
    const kinds = new Set(bodies.map((body) => kindOf(body)));
    const expected = ['MEMBER', 'CONNECTION_STATUS', 'VERIFICATION', 'AGGREGATION', 'INITIAL_DATA_READY'];
    expect([...kinds].sort()).toEqual(expected.sort());
    for (const body of bodies) expect(webhookErrors(body), JSON.stringify(body)).toEqual([]);
    expect(bodies.filter((b) => b.type === 'CONNECTION_STATUS').map((b) => b.connection_status)).toEqual(
      expect.arrayContaining(['LOCKED', 'EXPIRED', 'CHALLENGED', 'DENIED']),
    );
    expect(bodies.some((b) => b.type === 'MEMBER' && b.action === 'deleted')).toBe(true);
  });
});
