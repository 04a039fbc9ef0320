import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { mx } from '../sandbox/helpers.js';
import { serveSandbox, type Served } from './sandbox-process.js';

// The sandbox as a server other tools use: `mx-iav sandbox` run as its own process, called over HTTP as curl or an
// SDK would, so one client's strings cannot reach another's data, duplicates are refused as MX refuses them, and
// the recording and the listening address hold whatever a client or a script sends.

const root = tempDir('mx-iav-trust-b-sandbox-');
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('identifiers that name Object.prototype members', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveSandbox(join(root, 'proto'));
  });
  afterAll(() => served.stop());

  it.each(PROTOTYPE_NAMES)('%s is an unknown user and member (404), and writing to it poisons nothing', async (name) => {
    const api = mx(served, 'v20111101');
    const path = `/users/${encodeURIComponent(name)}`;
    expect((await api.get(path)).status).toBe(404);
    expect((await api.put(path, { user: { is_disabled: true, metadata: 'poison' } })).status).toBe(404);
    expect((await api.del(path)).status).toBe(404);
    expect((await api.get(`${path}/members`)).status).toBe(404);
    const user = (await api.post('/users', { user: { email: 'a@example.com' } })).body.user;
    expect((await api.get(`/users/${user.guid}/members/${encodeURIComponent(name)}`)).status).toBe(404);
    expect((await api.get(`/users/${user.guid}`)).body.user).toMatchObject({ is_disabled: false, metadata: null });
  });

  it.each(PROTOTYPE_NAMES)('%s as a partner id addresses its own user on v20250224', async (name) => {
    const api = mx(served, 'v20250224');
    const created = await api.post('/users', { user: { id: name } });
    expect(created.status).toBe(200);
    const found = await api.get(`/users/${encodeURIComponent(name)}`);
    expect(found.status).toBe(200);
    expect(found.body.user.guid).toBe(created.body.user.guid);
    const fresh = (await api.post('/users', { user: { email: 'b@example.com' } })).body.user;
    expect(fresh).toMatchObject({ is_disabled: false, metadata: null });
  });
});

describe('a duplicate partner id', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveSandbox(join(root, 'dup'));
  });
  afterAll(() => served.stop());

  it('is refused with 409 and MX’s envelope on create and on update, leaving one user with it', async () => {
    const api = mx(served, 'v20111101');
    expect((await api.post('/users', { user: { id: 'partner-dup' } })).status).toBe(200);
    const again = await api.post('/users', { user: { id: 'partner-dup' } });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: { message: 'An object with the given attributes already exists.' } });
    const other = (await api.post('/users', { user: { id: 'partner-other' } })).body.user;
    expect((await api.put(`/users/${other.guid}`, { user: { id: 'partner-dup' } })).status).toBe(409);
    expect((await api.put(`/users/${other.guid}`, { user: { id: 'partner-other', email: 'x@example.com' } })).status).toBe(200);
    expect((await api.get('/users?id=partner-dup')).body.users).toHaveLength(1);
  });

  it('makes create-user say so in one sentence with exit 2, and keep the saved user', async () => {
    const configDir = join(root, 'dup-cli');
    const env = { MX_BASE_URL: served.url, MX_CLIENT_ID: served.clientId, MX_API_KEY: served.apiKey };
    const first = await runCli(['create-user', '--id', 'cli-dup'], { configDir, env });
    expect(first.exitCode, first.stderr).toBe(0);
    const second = await runCli(['create-user', '--id', 'cli-dup'], { configDir, env });
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toMatch(/^✖ MX already has a user with this --id; choose another id, or leave --id out\.\n/);
    expect(second.stderr).toMatch(/mx-iav users --id cli-dup/);
    const status = await runCli(['users', '--id', 'cli-dup', '--json'], { configDir, env });
    expect(JSON.parse(status.stdout).users).toHaveLength(1);
  });
});

describe('the recording', () => {
  it('keeps recording after a deeply nested request body', async () => {
    const dir = join(root, 'record');
    const recordPath = join(dir, 'exchanges.jsonl');
    const served = await serveSandbox(dir, { MX_IAV_SANDBOX_RECORD: recordPath });
    const api = mx(served, 'v20111101');
    const depth = 20_000;
    const nested = await api.post('/users', `{"user": {"metadata": ${'['.repeat(depth)}${']'.repeat(depth)}}}`);
    expect(nested.status).toBe(400);
    expect((await api.post('/users', { user: { id: 'after-nested' } })).status).toBe(200);
    expect(await served.stop()).toBe(0);
    expect(served.stderr()).not.toMatch(/recording stopped/);
    const lines = readFileSync(recordPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(JSON.stringify(lines[0].requestBody)).toContain('[nested too deeply to record]');
    expect(lines[1].requestBody).toEqual({ user: { id: 'after-nested' } });
  });
});

describe('mx-iav sandbox --host', () => {
  it.each(['', ' ', 'a b', 'http://127.0.0.1', '\u001b[31m127.0.0.1'])('%j is refused in one sentence, exit 2, before anything listens', async (host) => {
    const run = await runCli(['sandbox', '--port', '0', '--host', host], { configDir: join(root, 'host'), timeoutMs: 10_000 });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^✖ --host takes an IP address or a host name of this machine, and that is neither\.\n {2}Use --host 127\.0\.0\.1/);
    expect(run.stderr).not.toMatch(/Unexpected|listening|\u001b/);
  });

  it('takes a bracketed IPv6 loopback and stops at the first SIGTERM, exit 0', async () => {
    const served = await serveSandbox(join(root, 'host6'), {}, ['--host', '[::1]']);
    expect(served.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await mx(served).post('/users', { user: { id: 'v6' } })).status).toBe(200);
    expect(await served.stop()).toBe(0);
    expect(served.stderr()).toMatch(/MX sandbox stopped\.\n$/);
  });
});
