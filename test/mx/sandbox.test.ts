import { afterEach, describe, expect, it } from 'vitest';
import { createMxClient, type MxClient, type MxClientOptions } from '../../src/mx/client.js';
import { MxApiError } from '../../src/mx/errors.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { runVerification } from './verify-run.js';
import { formatHint } from '../../src/session/next-steps.js';

// The client against the real sandbox over real HTTP: the flow, MX's job rules, and idempotent writes under faults.

const open: { sandbox: Sandbox; client: MxClient }[] = [];
afterEach(async () => {
  for (const { sandbox, client } of open.splice(0)) {
    client.close();
    await sandbox.close();
  }
});

async function start(sandboxOptions: SandboxOptions = {}, clientOptions: Partial<MxClientOptions> = {}) {
  const sandbox = await createSandbox({ port: 0, jobMs: 0, seed: 42, ...sandboxOptions });
  const client = createMxClient({
    baseUrl: sandbox.url,
    clientId: sandbox.clientId,
    apiKey: sandbox.apiKey,
    retry: { baseDelayMs: 1, maxDelayMs: 20 },
    ...clientOptions,
  });
  open.push({ sandbox, client });
  return { sandbox, client };
}

describe('client × sandbox', () => {
  it('runs the guide flow: verify, account selection, account numbers', async () => {
    const { client } = await start();
    const user = await client.createUser({ email: 'guide@example.com' });
    const run = await runVerification(client, user.guid, { institution: 'mxbank', select: 1 });
    expect(run.final).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    expect(run.challenges.map((c) => c.label)).toEqual(['Please select an account:']);
    expect(run.accountNumbers).toHaveLength(1);
    const [number] = run.accountNumbers;
    const accounts = await client.listMemberAccounts(user.guid, run.memberGuid);
    expect(accounts.find((a) => a.guid === number?.account_guid)?.type).toBe('SAVINGS');
    expect(await client.listAccountNumbersByAccount(user.guid, number?.account_guid ?? '')).toEqual(run.accountNumbers);
  });

  it('attaches to a running verification (202) and waits out another job (409), bounded', async () => {
    // A quiet member (skip_aggregation) that only verify sets working, and a busy one, are v20111101's to make.
    const { client } = await start({ jobMs: 60_000 }, { apiVersion: 'v20111101', retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    const user = await client.createUser({});
    const credentials = [
      { guid: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1', value: 'mxuser' },
      { guid: 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d', value: 'correct' },
    ];
    const quiet = await client.createMember(user.guid, { institution_code: 'mxbank', credentials, skip_aggregation: true });
    expect(await client.verifyMember(user.guid, quiet.guid)).toMatchObject({ alreadyRunning: false });
    expect(await client.verifyMember(user.guid, quiet.guid)).toMatchObject({ alreadyRunning: true, member: { guid: quiet.guid } });

    const busy = await client.createMember(user.guid, { institution_code: 'mxbank', credentials: [credentials[0]!, { ...credentials[1]!, value: 'other' }] });
    const before = client.stats().retries;
    await expect(client.verifyMember(user.guid, busy.guid)).rejects.toMatchObject({ name: 'MxApiError', status: 409 });
    expect(client.stats().retries - before).toBe(2);
  });

  it('creates each user and member exactly once through resets and 5xx (failRate 0.3, resetRate 0.1)', async () => {
    const { sandbox, client } = await start({ failRate: 0.3, resetRate: 0.1, seed: 20_240_601 }, { retry: { limit: 8, baseDelayMs: 1, maxDelayMs: 10 } });
    const users = [];
    for (let i = 0; i < 25; i++) users.push(await client.createUser({ email: `user${i}@example.com` }));
    const fields = await client.listInstitutionCredentials('mxbank');
    for (const [i, user] of users.entries()) {
      const credentials = fields.map((f) => ({ guid: f.guid ?? '', value: f.field_name === 'LOGIN' ? 'mxuser' : `pass-${i}` }));
      await client.createMemberForVerification(user.guid, { institution_code: 'mxbank', credentials });
    }
    const stats = sandbox.stats();
    expect(stats).toMatchObject({ users: 25, members: 25, duplicate_user_ids: 0, duplicate_member_ids: 0 });
    expect(stats.requests.faults.errors + stats.requests.faults.resets).toBeGreaterThan(5); // the faults really happened
    expect(client.stats().retries).toBeGreaterThan(0);
  });

  it('keeps going through 429s with Retry-After', async () => {
    const { sandbox, client } = await start({ throttleRate: 0.4, seed: 5 }, { retry: { limit: 10, baseDelayMs: 1, maxDelayMs: 5 } });
    const user = await client.createUser({});
    const run = await runVerification(client, user.guid, { institution: 'mxbank', username: 'mxuser_one_account' });
    expect(run.final.connection_status).toBe('CONNECTED');
    expect(sandbox.stats().requests.faults.throttled).toBeGreaterThan(0);
    expect(sandbox.stats().duplicate_member_ids).toBe(0);
  });

  it('reports a wrong API key as a 401 MxApiError that does not contain the key', async () => {
    const { sandbox } = await start();
    const wrong = createMxClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, apiKey: 'wrong-key-123456' });
    const error = await wrong.listInstitutions().catch((e: unknown) => e);
    wrong.close();
    expect(error).toBeInstanceOf(MxApiError);
    // A credentials problem, exit 3, raised as such by the client (nothing re-classifies it later).
    expect(error).toMatchObject({ status: 401, exitCode: 3, code: 'mx_auth' });
    expect(formatHint((error as MxApiError).hint)).toContain('MX_API_KEY');
    expect(JSON.stringify(error) + String(error)).not.toContain('wrong-key-123456');
  });
});
