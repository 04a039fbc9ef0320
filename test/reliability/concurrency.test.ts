import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { hasStackTrace, runCli } from '../helpers/run-cli.js';
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
