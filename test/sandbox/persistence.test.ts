import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { createMxBankMember, createUser, mx, settle, status } from './helpers.js';

describe('persistence', () => {
  const dir = tempDir('mx-iav-sandbox-');

  it('keeps users, members, jobs and challenges across instances on the same state file', async () => {
    const statePath = join(dir, 'nested', 'state.json');
    const first = await createSandbox({ jobMs: 0, statePath, seed: 7, recordPath: '' });
    const api1 = mx(first);
    const userGuid = await createUser(api1, { id: 'persist' });
    const memberGuid = await createMxBankMember(api1, userGuid, 'mxuser', 'correct');
    await api1.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    const challenged = await settle(api1, userGuid, memberGuid);
    await first.close();
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    const saved = readFileSync(statePath, 'utf8');
    expect(saved).not.toContain('"correct"');

    const second = await createSandbox({ jobMs: 0, statePath, seed: 7, recordPath: '' });
    const api2 = mx(second);
    expect(second.stats()).toMatchObject({ users: 1, members: 1, jobs: 1 });
    expect(await status(api2, userGuid, memberGuid)).toEqual(challenged);
    const resumed = await api2.put(`/users/${userGuid}/members/${memberGuid}/resume`, {
      member: { challenges: [{ guid: challenged.challenges[0].guid, value: challenged.challenges[0].options[0].value }] },
    });
    expect(resumed.status).toBe(202);
    // The same seed must not re-mint a guid that the state file already holds.
    const another = await createUser(api2);
    expect(another).not.toBe(userGuid);
    await second.close();

    const third = await createSandbox({ jobMs: 0, statePath, recordPath: '' });
    const api3 = mx(third);
    expect(await status(api3, userGuid, memberGuid)).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    expect((await api3.get(`/users/${userGuid}/members/${memberGuid}/account_numbers`)).body.account_numbers).toHaveLength(1);
    expect(third.stats().users).toBe(2);
    await third.close();
  });

  it('progresses a job by elapsed time even across a restart', async () => {
    const statePath = join(dir, 'timed.json');
    // Injected clocks stand for the time between the two processes: the second starts 250 ms later.
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    const first = await createSandbox({ jobMs: 100, statePath, recordPath: '', now: () => t0 });
    const api1 = mx(first);
    const userGuid = await createUser(api1);
    const memberGuid = await createMxBankMember(api1, userGuid, 'mxuser', 'LOCKED');
    await api1.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    expect(await status(api1, userGuid, memberGuid)).toMatchObject({ is_being_aggregated: true });
    await first.close();
    const second = await createSandbox({ jobMs: 100, statePath, recordPath: '', now: () => t0 + 250 });
    expect(await status(mx(second), userGuid, memberGuid)).toMatchObject({ connection_status: 'LOCKED', is_being_aggregated: false });
    await second.close();
  });

  it('keeps the advanced clock across a restart, so a job started in advanced time still progresses', async () => {
    const statePath = join(dir, 'advanced.json');
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    const first = await createSandbox({ jobMs: 100, statePath, recordPath: '', now: () => t0 });
    first.advance(86_400_000);
    const api1 = mx(first);
    const userGuid = await createUser(api1);
    const memberGuid = await createMxBankMember(api1, userGuid, 'mxuser', 'LOCKED');
    await api1.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    await first.close();
    const second = await createSandbox({ jobMs: 100, statePath, recordPath: '', now: () => t0 + 250 });
    expect(second.now()).toBe(t0 + 86_400_000 + 250);
    expect(await status(mx(second), userGuid, memberGuid)).toMatchObject({ connection_status: 'LOCKED', is_being_aggregated: false });
    await second.close();
  });

  it('starts empty on a missing file, and keeps a corrupt file aside as .corrupt', async () => {
    const missing = await createSandbox({ statePath: join(dir, 'missing.json'), recordPath: '' });
    expect(missing.stats().users).toBe(0);
    await missing.close();

    const statePath = join(dir, 'corrupt.json');
    writeFileSync(statePath, '{"version": 1, "users": [trunc');
    const sandbox = await createSandbox({ statePath, jobMs: 0, recordPath: '' });
    expect(sandbox.stats().users).toBe(0);
    expect(readFileSync(`${statePath}.corrupt`, 'utf8')).toBe('{"version": 1, "users": [trunc');
    await createUser(mx(sandbox));
    await sandbox.close();
    expect(JSON.parse(readFileSync(statePath, 'utf8')).version).toBe(1);
    expect(existsSync(`${statePath}.${process.pid}.tmp`)).toBe(false);
  });
  it('saves what every kind of request changed, with no handler marking it (a GET that mints an OAuth link too)', async () => {
    const statePath = join(dir, 'auto', 'state.json');
    const first = await createSandbox({ jobMs: 0, statePath, recordPath: '' });
    const api1 = mx(first, 'v20250224');
    const userGuid = await createUser(api1, { id: 'auto' });
    const created = await api1.post(`/users/${userGuid}/members`, { member: { institution_code: 'mxcu_oauth', is_oauth: true, credentials: [] }, data_request: { products: ['account_verification'] } });
    const minted = await api1.get(`/users/${userGuid}/members/${created.body.member.guid}/oauth_window_uri`);
    await first.close();

    const second = await createSandbox({ jobMs: 0, statePath, recordPath: '' });
    expect((await fetch(created.body.member.oauth_window_uri.replace(first.url, second.url))).status).toBe(410);
    const link = minted.body.member.oauth_window_uri.replace(first.url, second.url);
    expect((await fetch(link)).status).toBe(200);
    const state = new URL(link).searchParams.get('state') ?? '';
    expect((await fetch(`${second.url}/oauth/approve`, { method: 'POST', body: new URLSearchParams({ state }) })).status).toBe(200);
    await second.close();

    const third = await createSandbox({ jobMs: 0, statePath, recordPath: '' });
    // The approval was saved, and the data_request made its job a verification: the account-selection challenge.
    expect((await settle(mx(third, 'v20250224'), 'auto', created.body.member.guid)).challenges[0].label).toBe('Please select an account:');
    await third.close();
  });
});

describe('a state file that cannot be written', () => {
  const dir = tempDir('mx-iav-sandbox-unwritable-');

  it('refuses to start, in one sentence, when a file stands where its directory goes', async () => {
    writeFileSync(join(dir, 'blocked'), '');
    await expect(createSandbox({ statePath: join(dir, 'blocked', 'state.json'), recordPath: '' })).rejects.toThrow(
      `The sandbox cannot write its state to ${join(dir, 'blocked', 'state.json')}: a file stands where a directory is needed; fix that path, or set MX_IAV_CONFIG_DIR elsewhere.`,
    );
  });

  it('answers 500 with that sentence when a write fails later, signals the failure, and still closes', async () => {
    const home = join(dir, 'later');
    const sandbox = await createSandbox({ jobMs: 0, statePath: join(home, 'state.json'), recordPath: '' });
    const api = mx(sandbox);
    await createUser(api, { id: 'kept' });
    rmSync(home, { recursive: true });
    writeFileSync(home, '');
    const refused = await api.post('/users', { user: { id: 'lost' } });
    expect(refused.status).toBe(500);
    expect(refused.body.error.message).toMatch(/^The sandbox cannot write its state to .*state\.json: a file stands where a directory is needed; /);
    expect(sandbox.failed.aborted).toBe(true);
    await expect(sandbox.close()).rejects.toBe(sandbox.failed.reason);
    await expect(fetch(`${sandbox.url}/users`)).rejects.toThrow();
  });
});

describe('seed', () => {
  async function run(seed: number | undefined) {
    const sandbox = await createSandbox({ jobMs: 0, seed, recordPath: '' });
    const api = mx(sandbox);
    const userGuid = await createUser(api, { id: 'seeded' });
    const memberGuid = await createMxBankMember(api, userGuid, 'mxuser', 'correct');
    await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    const s = await settle(api, userGuid, memberGuid);
    await api.put(`/users/${userGuid}/members/${memberGuid}/resume`, { member: { challenges: [{ guid: s.challenges[0].guid, value: s.challenges[0].options[0].value }] } });
    await settle(api, userGuid, memberGuid);
    const numbers = (await api.get(`/users/${userGuid}/members/${memberGuid}/account_numbers`)).body.account_numbers;
    await sandbox.close();
    return { userGuid, memberGuid, challenge: s.challenges, numbers };
  }

  it('reproduces guids and numbers with the same seed, and differs with another', async () => {
    const a = await run(42);
    const b = await run(42);
    const c = await run(43);
    expect(b).toEqual(a);
    expect(c.userGuid).not.toBe(a.userGuid);
    expect(c.numbers[0].account_number).not.toBe(a.numbers[0].account_number);
    expect((await run(undefined)).userGuid).not.toBe((await run(undefined)).userGuid);
  });
});
