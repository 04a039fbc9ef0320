import diagnostics_channel from 'node:diagnostics_channel';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { hasStackTrace, runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Parallel CI jobs share one config directory, one profile each: every job's guids must survive the others' writes.

const PARALLEL = 10;
let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await createSandbox({ jobMs: 20, recordPath: '' });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
});
afterAll(() => sandbox.close());

const verifyArgs = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=challenge'];

describe(`${PARALLEL} processes sharing one config directory`, () => {
  it('each profile keeps its own user and member guid; nothing MX created is missing', async () => {
    const dir = tempDir('mx-iav-parallel-');
    const runs = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        runCli([...verifyArgs, '--answer', 'correct', '--select-account', 'first', '--profile', `job-${i}`], { configDir: dir, env, timeoutMs: 60_000 }),
      ),
    );
    for (const run of runs) expect(run.exitCode, run.stdout + run.stderr).toBe(0);

    const files = readdirSync(join(dir, 'profiles')).filter((name) => name.endsWith('.json'));
    expect(files.sort()).toEqual(Array.from({ length: PARALLEL }, (_, i) => `job-${i}.json`).sort());
    runs.forEach((run, i) => {
      const printed = JSON.parse(run.stdout) as { user_guid: string; member_guid: string };
      const file = JSON.parse(readFileSync(join(dir, 'profiles', `job-${i}.json`), 'utf8')) as { environments: Record<string, Record<string, string>> };
      const [state] = Object.values(file.environments);
      expect(state).toMatchObject({ user_guid: printed.user_guid, member_guid: printed.member_guid, step: 'done' });
      expect(statSync(join(dir, 'profiles', `job-${i}.json`)).mode & 0o777).toBe(0o600);
    });
    expect(statSync(join(dir, 'profiles')).mode & 0o777).toBe(0o700);
    // conf writes through a temporary file and a rename; none may be left behind.
    expect((readdirSync(dir, { recursive: true }) as string[]).filter((name) => /tmp/.test(name))).toEqual([]);

    const stats = sandbox.stats();
    expect({ users: stats.users, members: stats.members, duplicates: stats.duplicate_user_ids + stats.duplicate_member_ids }).toEqual({
      users: PARALLEL,
      members: PARALLEL,
      duplicates: 0,
    });
  });
});

describe('a second run on a profile while the first is inside its poll', () => {
  // Each job step takes 10 minutes of the sandbox's clock, which stands still until the test moves it: the first
  // run waits in its poll for as long as the test needs, instead of for as long as the machine happens to be slow.
  const JOB_STEP_MS = 10 * 60_000;
  let own: Sandbox;
  beforeAll(async () => {
    own = await createSandbox({ jobMs: JOB_STEP_MS, recordPath: '' });
  });
  afterAll(() => own.close());

  /** Resolves when the sandbox (in this process) receives a status read: the run that sent it is inside its poll. */
  function statusRead(): Promise<void> {
    return new Promise((resolve) => {
      const seen = (message: unknown) => {
        const { request } = message as { request: IncomingMessage };
        if (request.method !== 'GET' || !/\/status(\?|$)/.test(request.url ?? '')) return;
        diagnostics_channel.unsubscribe('http.server.request.start', seen);
        resolve();
      };
      diagnostics_channel.subscribe('http.server.request.start', seen);
    });
  }

  it('is refused at once with exit 3, naming the first run; the first then finishes when the clock moves on', async () => {
    const dir = tempDir('mx-iav-one-profile-');
    const ownEnv = { MX_BASE_URL: own.url, MX_CLIENT_ID: own.clientId, MX_API_KEY: own.apiKey };
    // The one-account login verifies without an account selection: the job needs only the clock to finish.
    const args = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser_one_account', '--credential', 'PASSWORD=password'];
    const polling = statusRead();
    const first = spawnCli(args, { configDir: dir, env: ownEnv, timeoutMs: 60_000 });
    await polling;

    const writesBefore = own.requests().filter((request) => request.method !== 'GET').length;
    // Spawned, as the first: the lock tells processes apart by pid. Refused, it never polls; a lock that let it in
    // would have it poll the stopped clock, so its --timeout turns that into a quick failure instead of a hang.
    const second = await spawnCli([...args, '--timeout', '3s'], { configDir: dir, env: ownEnv }).result;
    expect(second.exitCode, second.stdout + second.stderr).toBe(3);
    const refused = JSON.parse(second.stdout) as { error: { code: string; message: string; hint: string } };
    expect(refused.error).toMatchObject({ code: 'profile_busy', hint: 'Wait for it to finish, or use another profile (--profile NAME).' });
    expect(refused.error.message).toMatch(
      new RegExp(`^The profile "default" is in use by process ${first.child.pid} \\(mx-iav verify, since \\d\\d:\\d\\d:\\d\\d UTC\\): mx-iav lets one run at a time change a profile\\.$`),
    );
    expect(first.child.exitCode, 'the first run was still polling when the second was refused').toBeNull();
    // The refused run changed nothing at MX.
    expect(own.requests().filter((request) => request.method !== 'GET').length).toBe(writesBefore);

    const advanced = await fetch(`${own.url}/_sandbox/clock/advance`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${own.clientId}:${own.apiKey}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 3 * JOB_STEP_MS }),
    });
    expect(advanced.status).toBe(200);
    const finished = await first.result;
    expect(finished.exitCode, finished.stdout + finished.stderr).toBe(0);
    const printed = JSON.parse(finished.stdout) as { user_guid: string; member_guid: string; account_numbers: unknown[] };
    expect(printed.account_numbers).toHaveLength(1);

    const file = JSON.parse(readFileSync(join(dir, 'profiles', 'default.json'), 'utf8'));
    const [state] = Object.values(file.environments) as { user_guid: string; member_guid: string; step: string }[];
    expect(state).toMatchObject({ user_guid: printed.user_guid, member_guid: printed.member_guid, step: 'done' });
    expect({ users: own.stats().users, members: own.stats().members }).toEqual({ users: 1, members: 1 });
    // The lock went with the first run: the next verify takes it and reports the saved numbers.
    expect(readdirSync(join(dir, 'profiles'))).toEqual(['default.json']);
    const after = await spawnCli(args, { configDir: dir, env: ownEnv }).result;
    expect(after.exitCode, after.stdout + after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ member_guid: printed.member_guid });
  });
});

describe('profile names', () => {
  it.each([
    { how: '--profile', args: ['--profile', '../escape'], env: {} },
    { how: '--profile', args: ['--profile', 'a/b'], env: {} },
    { how: 'MX_IAV_PROFILE', args: [], env: { MX_IAV_PROFILE: '../../etc' } },
    { how: 'MX_IAV_PROFILE', args: [], env: { MX_IAV_PROFILE: 'x'.repeat(41) } },
  ])('$how $args$env is refused with exit 2 before any file is written', async ({ args, env: extra }) => {
    const dir = tempDir('mx-iav-profile-name-');
    const run = await runCli([...verifyArgs, ...args], { configDir: join(dir, 'config'), env: { ...env, ...extra } });
    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'usage', message: expect.stringMatching(/^The profile name .* is not valid\.$/) } });
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
