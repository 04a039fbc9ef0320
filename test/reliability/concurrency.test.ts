import { readdirSync, readFileSync, statSync } from 'node:fs';
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

describe('8 verifications on ONE profile at once', () => {
  const RUNS = 8;
  let own: Sandbox;
  beforeAll(async () => {
    own = await createSandbox({ jobMs: 20, recordPath: '' });
  });
  afterAll(() => own.close());

  it('each either finishes or is refused at once naming the run that holds the profile; the profile is never a mix', async () => {
    const dir = tempDir('mx-iav-one-profile-');
    const ownEnv = { MX_BASE_URL: own.url, MX_CLIENT_ID: own.clientId, MX_API_KEY: own.apiKey };
    const children = Array.from({ length: RUNS }, () =>
      spawnCli([...verifyArgs, '--answer', 'correct', '--select-account', 'first'], { configDir: dir, env: ownEnv, timeoutMs: 90_000 }),
    );
    const runs = await Promise.all(children.map(({ result }) => result));
    const pids = children.map(({ child }) => child.pid);

    const finished: { user_guid: string; member_guid: string }[] = [];
    runs.forEach((run) => {
      const printed = JSON.parse(run.stdout);
      if (run.exitCode === 0) return finished.push({ user_guid: printed.user_guid, member_guid: printed.member_guid });
      expect({ exit: run.exitCode, code: printed.error?.code }, run.stdout + run.stderr).toEqual({ exit: 3, code: 'profile_busy' });
      const message: string = printed.error.message;
      expect(message).toMatch(/^The profile "default" is in use by process (\d+) \(mx-iav verify, since \d\d:\d\d:\d\d UTC\): mx-iav lets one run at a time change a profile\.$/);
      expect(pids).toContain(Number(/process (\d+)/.exec(message)![1]));
    });
    expect(finished.length).toBeGreaterThan(0);
    console.log(`one profile: ${finished.length} of ${RUNS} verifications finished, ${RUNS - finished.length} refused by the lock`);

    // The saved user and member are one finished run's pair, and no refused run created anything at MX.
    const file = JSON.parse(readFileSync(join(dir, 'profiles', 'default.json'), 'utf8'));
    const [state] = Object.values(file.environments) as { user_guid: string; member_guid: string; step: string }[];
    expect(finished).toContainEqual({ user_guid: state!.user_guid, member_guid: state!.member_guid });
    expect(state!.step).toBe('done');
    expect(own.stats().users).toBe(new Set(finished.map((run) => run.user_guid)).size);
    expect(own.stats().members).toBe(new Set(finished.map((run) => run.member_guid)).size);
    const members = JSON.parse((await runCli(['members', '--json'], { configDir: dir, env: ownEnv })).stdout);
    expect(members.user_guid).toBe(state!.user_guid);
    expect(members.members.map((member: { guid: string }) => member.guid)).toContain(state!.member_guid);
    // Every lock was released: the next run on the profile goes ahead.
    expect(readdirSync(join(dir, 'profiles'))).toEqual(['default.json']);
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
