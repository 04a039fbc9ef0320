import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createMxBankMember, createUser, mx, type Mx, settle } from '../sandbox/helpers.js';
import { admin } from './sandbox-admin.js';
import { Receiver, until } from './sandbox-receiver.js';

// The webhooks column of the README's scenario table, checked against what a receiver gets. A member's webhooks
// arrive in order, so a MEMBER updated fired after the verification is a marker: once it is in, nothing of the
// verification is still on its way, and an absent webhook is really absent.
const receiver = new Receiver();
let sandbox: Sandbox;
let api: Mx;

beforeAll(async () => {
  await receiver.start();
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '', webhookUrls: [receiver.url] });
  api = mx(sandbox);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.stop();
});

async function webhooksOf(username: string, password: string, verifies = 1, answer?: string): Promise<string[]> {
  const user = await createUser(api);
  const member = await createMxBankMember(api, user, username, password);
  for (let i = 0; i < verifies; i += 1) {
    await api.post(`/users/${user}/members/${member}/verify`);
    const stopped = await settle(api, user, member);
    if (answer !== undefined && stopped.connection_status === 'CHALLENGED') {
      await api.put(`/users/${user}/members/${member}/resume`, { member: { challenges: [{ guid: stopped.challenges[0].guid, value: answer }] } });
      await settle(api, user, member);
    }
  }
  await admin(sandbox, 'POST', `/_sandbox/members/${member}/webhooks`, { type: 'MEMBER', action: 'updated' });
  const mine = () => receiver.received.filter((r) => (r.body.member_guid ?? r.body.guid) === member);
  await until(() => mine().some((r) => r.body.type === 'MEMBER' && r.body.action === 'updated'), receiver);
  return mine()
    .filter((r) => r.body.type !== 'MEMBER')
    .map((r) => (r.body.type === 'CONNECTION_STATUS' ? `CONNECTION_STATUS ${r.body.connection_status}` : r.body.type));
}

describe('the webhooks each MX Bank login sends (README scenario table)', () => {
  it.each([
    ['mxuser', 'correct', 1, undefined, ['CONNECTION_STATUS CHALLENGED']],
    ['mxuser_one_account', 'correct', 1, undefined, ['VERIFICATION']],
    ['mxuser_no_dda', 'correct', 1, undefined, ['AGGREGATION']],
    ['mxuser_one_account', 'token', 1, 'correct', ['CONNECTION_STATUS CHALLENGED', 'VERIFICATION']],
    ['mxuser', 'challenge', 1, 'wrong', ['CONNECTION_STATUS CHALLENGED', 'CONNECTION_STATUS REJECTED']],
    ['mxuser', 'options', 1, 'DISABLED', ['CONNECTION_STATUS CHALLENGED', 'CONNECTION_STATUS DENIED']],
    ['mxuser', 'image', 1, 'SERVER_ERROR', ['CONNECTION_STATUS CHALLENGED']],
    ['mxuser', 'BAD_REQUEST', 1, undefined, []],
    ['mxuser', 'LOCKED', 1, undefined, ['CONNECTION_STATUS LOCKED']],
    ['mxuser', 'UNAUTHORIZED', 3, undefined, ['CONNECTION_STATUS DENIED', 'CONNECTION_STATUS DENIED', 'CONNECTION_STATUS PREVENTED']],
  ] as const)('%s / %s (verify %i times, answer %s): %j', async (username, password, verifies, answer, expected) => {
    expect(await webhooksOf(username, password, verifies, answer)).toEqual(expected);
  });
});
