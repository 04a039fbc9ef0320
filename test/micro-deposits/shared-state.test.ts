import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createMxClient } from '../../src/mx/client.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/temp-dir.js';

// Two runs on one profile's built-in sandbox are two sandboxes on one state file (a `verify --micro-deposits`
// waiting for the deposits beside a `micro-deposits delete`): each must see the other's micro-deposits, and neither
// may write back a list the other has changed since.
const statePath = join(tempDir(), 'sandbox', 'state.json');
const first = await createSandbox({ port: 0, statePath, microDepositDelayMs: 0 });
const second = await createSandbox({ port: 0, statePath, microDepositDelayMs: 0 });
const clientOf = (sandbox: typeof first) => createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: sandbox.apiKey, retry: { limit: 0 } });
const [one, two] = [clientOf(first), clientOf(second)];
afterAll(async () => {
  one.close();
  two.close();
  await first.close();
  await second.close();
});

it("one run's micro-deposits are read, and deleted, by the other", async () => {
  const user = await one.createUser({});
  const created = await one.createMicroDeposit(user.guid, {
    account_number: '333312345', routing_number: '091000019', account_type: 'CHECKING', email: 'shared@example.com', first_name: 'Jo', last_name: 'Doe',
  });
  expect((await two.listMicroDeposits(user.guid)).items.map((item) => item.guid)).toEqual([created.guid]);
  await two.deleteMicroDeposit(user.guid, created.guid);
  await one.readUser(user.guid);
  expect((await one.listMicroDeposits(user.guid)).items).toEqual([]);
});

it("one run's clock advance is the other's too, and the other's next save keeps it", async () => {
  first.advance(3_600_000);
  await one.readUser((await one.createUser({})).guid);
  await two.listUsers({});
  expect(second.now()).toBeGreaterThanOrEqual(first.now() - 1000);
  await two.createUser({});
  await one.listUsers({});
  expect(first.now() - Date.now()).toBeGreaterThan(3_500_000);
});
