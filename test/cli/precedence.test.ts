import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli, runCliProcess } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startTlsRelay, type TlsRelay } from '../helpers/tls-relay.js';

// Behaviours the README documents that a mutation of the code once survived the whole suite: which value wins
// where several are given, the 3-second poll floor against MX, `verify --new`, and a saved member at another bank.
const root = tempDir('mx-iav-precedence-');
let runs = 0;
const fresh = () => join(root, `run-${(runs += 1)}`);
let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '' });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
});
afterAll(() => sandbox?.close());

const VERIFY = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'];
const memberPosts = () => sandbox.requests().filter((request) => request.method === 'POST' && /\/members$/.test(request.path)).length;

describe('bank credentials: flags win over the credentials file, which wins over the environment', () => {
  // The password picks the sandbox's outcome: "password" connects, INVALID is DENIED, LOCKED is LOCKED.
  const file = () => {
    const path = join(fresh(), '..', `creds-${runs}.json`);
    writeFileSync(path, JSON.stringify({ LOGIN: 'mxuser', PASSWORD: 'INVALID' }));
    return path;
  };
  const envPassword = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'LOCKED' };

  it.each([
    { given: 'flag, file and environment', flags: () => ['--credential', 'PASSWORD=password', '--credentials-file', file()], exit: 0, end: /"status": ?"verified"/ },
    { given: 'file and environment', flags: () => ['--credentials-file', file()], exit: 5, end: /DENIED/ },
    { given: 'the environment only', flags: () => [], exit: 5, end: /LOCKED/ },
  ])('$given', async ({ flags, exit, end }) => {
    const result = await runCli([...VERIFY, ...flags()], { configDir: fresh(), env: { ...env, ...envPassword } });
    expect(result.exitCode, result.stderr).toBe(exit);
    expect(result.stdout).toMatch(end);
  });
});

describe('connection: flags win over environment variables, which win over saved config', () => {
  const users = (configDir: string, flags: string[], overrides: Record<string, string | undefined>) =>
    runCli([...flags, 'users', '--json'], { configDir, env: { ...env, ...overrides } });
  const saved = async (configDir: string, key: string, value: string) => {
    const set = await runCli(['config', 'set', key, ...(key === 'api-key' ? [] : [value])], { configDir, env, input: `${value}\n` });
    expect(set.exitCode, set.stderr).toBe(0);
  };

  it('client id', async () => {
    const configDir = fresh();
    await saved(configDir, 'client-id', 'wrong-saved-client');
    expect((await users(configDir, [], {})).exitCode).toBe(0);
    expect((await users(configDir, ['--client-id', sandbox.clientId], { MX_CLIENT_ID: 'wrong-env-client' })).exitCode).toBe(0);
    expect((await users(configDir, ['--client-id', 'wrong-flag-client'], {})).exitCode).toBe(3);
    expect((await users(configDir, [], { MX_CLIENT_ID: undefined })).exitCode).toBe(3);
  });

  it('API key', async () => {
    const configDir = fresh();
    await saved(configDir, 'api-key', 'wrong-saved-key');
    expect((await users(configDir, [], {})).exitCode).toBe(0);
    expect((await users(configDir, ['--api-key', sandbox.apiKey], { MX_API_KEY: 'wrong-env-key' })).exitCode).toBe(0);
    expect((await users(configDir, ['--api-key', 'wrong-flag-key'], {})).exitCode).toBe(3);
    expect((await users(configDir, [], { MX_API_KEY: undefined })).exitCode).toBe(3);
  });

  it('environment', async () => {
    // Without credentials, development and production stop with exit 3; the sandbox runs (built in, no base URL).
    const configDir = fresh();
    const none = { MX_BASE_URL: undefined, MX_CLIENT_ID: undefined, MX_API_KEY: undefined };
    const set = await runCli(['config', 'set', 'environment', 'development'], { configDir, env: none });
    expect(set.exitCode, set.stderr).toBe(0);
    expect((await users(configDir, [], { ...none })).stdout).toMatch(/The development environment needs MX API credentials/);
    expect((await users(configDir, [], { ...none, MX_ENV: 'sandbox' })).exitCode).toBe(0);
    expect((await users(configDir, ['--env', 'sandbox'], { ...none, MX_ENV: 'production' })).exitCode).toBe(0);
    expect((await users(configDir, ['--env', 'production'], { ...none, MX_ENV: 'sandbox' })).stdout).toMatch(/The production environment needs/);
  });
});

describe('the saved member', () => {
  it('verify --new makes a new member and saves it in place of the one verified before', async () => {
    const configDir = fresh();
    const first = await runCli([...VERIFY, '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=password'], { configDir, env });
    expect(first.exitCode, first.stderr).toBe(0);
    const before = memberPosts();
    // Other credentials: the same ones would be MX's existing member (409), which verify continues instead.
    const again = await runCli([...VERIFY, '--new', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=other'], { configDir, env });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(memberPosts()).toBe(before + 1);
    const [one, two] = [JSON.parse(first.stdout), JSON.parse(again.stdout)];
    expect(two.user_guid).toBe(one.user_guid);
    expect(two.member_guid).not.toBe(one.member_guid);
    expect((await runCli(['status', '--json'], { configDir, env })).stdout).toContain(two.member_guid);
  });

  it('a saved member at another institution is replaced by one at the institution asked for', async () => {
    const configDir = fresh();
    const login = ['--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=password'];
    const first = await runCli([...VERIFY, ...login], { configDir, env });
    expect(first.exitCode, first.stderr).toBe(0);
    const other = VERIFY.map((arg) => (arg === 'mxbank' ? 'evergreen_fcu' : arg));
    const again = await runCli([...other, ...login, '--credential', 'PIN=1234'], { configDir, env });
    expect(again.exitCode, again.stderr).toBe(0);
    const [one, two] = [JSON.parse(first.stdout), JSON.parse(again.stdout)];
    expect(two.member_guid).not.toBe(one.member_guid);
    expect(two.institution).toMatchObject({ code: 'evergreen_fcu' });
    const status = JSON.parse((await runCli(['status', '--json'], { configDir, env })).stdout);
    expect(status).toMatchObject({ member_guid: two.member_guid, institution: 'evergreen_fcu' });
  });
});

// Against MX (any base URL not on loopback), at most one status read every 3 seconds, the first one included. MX is
// played by a slow-job sandbox behind TLS at https://0.0.0.0 (not loopback, yet this machine), trusted through
// NODE_EXTRA_CA_CERTS. What is checked is how many reads MX got in a 4-second wait, never how long anything took.
describe('the 3-second poll floor against MX', () => {
  const dir = tempDir('mx-iav-poll-floor-');
  let slow: Sandbox;
  let relay: TlsRelay;
  let mxEnv: Record<string, string>;

  beforeAll(async () => {
    slow = await createSandbox({ port: 0, jobMs: 600_000, recordPath: '' });
    // Named 0.0.0.0, the base URL is not loopback, so mx-iav treats it as MX (3 s floor); it still reaches 127.0.0.1.
    relay = await startTlsRelay(slow.url, dir, '0.0.0.0');
    mxEnv = { MX_BASE_URL: relay.url, MX_CLIENT_ID: slow.clientId, MX_API_KEY: slow.apiKey, NODE_EXTRA_CA_CERTS: relay.certPath };
  });
  afterAll(async () => {
    relay?.close();
    await slow?.close();
  });

  const statusReads = () => slow.requests().filter((request) => request.method === 'GET' && /\/status$/.test(request.path)).length;

  it('--poll-interval under 3s is refused before anything is sent', async () => {
    const result = await runCli([...VERIFY, '--credential', 'LOGIN=mxuser', '--poll-interval', '2900ms'], { configDir: fresh(), env: mxEnv });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/--poll-interval must be at least 3s against MX/);
    expect(slow.requests()).toEqual([]);
  });

  it('by default the first read comes after 3 s and the next 3 s later: one read in a 4-second wait', async () => {
    // Spawned: NODE_EXTRA_CA_CERTS, which trusts the relay's certificate, is read only when a process starts.
    const result = await runCliProcess([...VERIFY, '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=password', '--timeout', '4s'], {
      configDir: fresh(),
      env: mxEnv,
    });
    expect(result.exitCode, result.stderr).toBe(7);
    expect(statusReads()).toBe(1);
  });
});
