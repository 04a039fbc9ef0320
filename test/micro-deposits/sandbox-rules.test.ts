import { afterAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import { createMxClient, type MxClient } from '../../src/mx/client.js';
import { MxApiError } from '../../src/mx/errors.js';
import { startSandbox } from '../sandbox/helpers.js';

// MX's documented integration rules (docs.mx.com/nexus/microdeposits/api-testing) and the sandbox's own amounts,
// through mx-iav's client on each API version. The deposit delay is 0, so DEPOSITED comes with the next read.
const sandbox = await startSandbox({ microDepositDelayMs: 0 });
const clients: MxClient[] = [];
afterAll(() => clients.forEach((client) => client.close()));
const clientFor = (apiVersion: ApiVersion) => {
  const client = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey, apiVersion, retry: { limit: 0 } });
  clients.push(client);
  return client;
};
let serial = 100;
const account = () => `3333${serial++}`;
const details = (overrides: Record<string, string> = {}) => ({ account_number: account(), routing_number: '091000019', account_type: 'CHECKING', ...overrides });

describe.each(['v20250224', 'v20111101'] as const)('micro-deposits on %s', (version) => {
  const client = clientFor(version);

  it('a 3333 account goes INITIATED, REQUESTED, DEPOSITED, and the right amounts verify it', async () => {
    const user = await client.createUser({});
    const created = await client.createMicroDeposit(user.guid, details({ email: `v-${version}@example.com`, first_name: 'Jo', last_name: 'Doe' }));
    expect(created).toMatchObject({ guid: expect.stringMatching(/^MIC-/), status: 'INITIATED', routing_number: '091000019' });
    const read = await client.readMicroDeposit(user.guid, created.guid);
    expect(read.status).toBe('DEPOSITED');
    const verified = await client.verifyMicroDeposit(created.guid, { deposit_amount_1: 0.15, deposit_amount_2: 0.12 });
    expect(verified).toMatchObject({ status: 'VERIFIED', verified_at: expect.any(String) });
    expect((await client.listMicroDeposits(user.guid)).items.map((item) => item.guid)).toEqual([created.guid]);
    expect((await client.listAccountVerifications(user.guid)).map((item) => item.status)).toEqual(['VERIFIED']);
  });

  it('three wrong pairs: DENIED, DENIED, PREVENTED; the error pair: ERRORED', async () => {
    const user = await client.createUser({});
    const first = await client.createMicroDeposit(user.guid, details());
    await client.readMicroDeposit(user.guid, first.guid);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.verifyMicroDeposit(first.guid, { deposit_amount_1: 0.01, deposit_amount_2: 0.02 })).status);
    expect(statuses).toEqual(['DENIED', 'DENIED', 'PREVENTED']);
    const second = await client.createMicroDeposit(user.guid, details());
    await client.readMicroDeposit(user.guid, second.guid);
    expect((await client.verifyMicroDeposit(second.guid, { deposit_amount_1: 0.99, deposit_amount_2: 0.99 })).status).toBe('ERRORED');
  });

  it.each(['222222226', '021000021', '091000018'])('routing number %s: REJECTED', async (routing) => {
    const user = await client.createUser({});
    const made = await client.createMicroDeposit(user.guid, details({ routing_number: routing }));
    expect(made).toMatchObject({ status: 'REJECTED', error_message: expect.stringContaining('routing number') });
  });

  it('an account not beginning 3333 is REJECTED; the same account twice is CONFLICTED; a 4th account per email REJECTED', async () => {
    const user = await client.createUser({});
    expect((await client.createMicroDeposit(user.guid, details({ account_number: '123456789' }))).status).toBe('REJECTED');
    const same = details();
    expect((await client.createMicroDeposit(user.guid, same)).status).toBe('INITIATED');
    expect(await client.createMicroDeposit(user.guid, same)).toMatchObject({ status: 'CONFLICTED', error_message: expect.stringContaining('existing') });
    const email = `four-${version}@example.com`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.createMicroDeposit(user.guid, details({ email }))).status);
    expect(statuses).toEqual(['INITIATED', 'INITIATED', 'INITIATED', 'REJECTED']);
  });

  it('pre-initiates from name and email only; delete answers 204, then 404', async () => {
    const user = await client.createUser({});
    const pre = await client.createMicroDeposit(user.guid, { email: 'pre@example.com', first_name: 'Jo', last_name: 'Doe' });
    expect(pre.status).toBe('PREINITIATED');
    await client.deleteMicroDeposit(user.guid, pre.guid);
    await expect(client.readMicroDeposit(user.guid, pre.guid)).rejects.toSatisfy((error) => error instanceof MxApiError && error.status === 404);
  });

  it('verify before DEPOSITED is refused with 400', async () => {
    const slow = await startSandbox({ microDepositDelayMs: 3_600_000 });
    const slowClient = createMxClient({ baseUrl: slow.url, clientId: slow.clientId, apiKey: slow.apiKey, apiVersion: version, retry: { limit: 0 } });
    clients.push(slowClient);
    const user = await slowClient.createUser({});
    const made = await slowClient.createMicroDeposit(user.guid, details());
    expect((await slowClient.readMicroDeposit(user.guid, made.guid)).status).toBe('REQUESTED');
    await expect(slowClient.verifyMicroDeposit(made.guid, { deposit_amount_1: 0.12, deposit_amount_2: 0.15 })).rejects.toSatisfy((error) => error instanceof MxApiError && error.status === 400);
  });
});
