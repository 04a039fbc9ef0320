import { readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import pty from '@lydell/node-pty';
import { afterAll, describe, expect, it } from 'vitest';
import { createMxClient } from '../../src/mx/client.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createHold, startMxProxy, type MxProxy, type Rule } from '../helpers/mx-proxy.js';
import { BIN, hasStackTrace, runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { type Changes, onPtyData, waitFor } from '../helpers/wait-for.js';

// SIGTERM at each step of a verification, then `mx-iav resume`: the profile must hold every guid MX created, and
// the resumed run must finish without creating a second user or member.

const ANSWERS = ['--answer', 'correct', '--select-account', 'first'];
const CREDENTIALS = ['--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=challenge'];

interface Setup {
  sandbox: Sandbox;
  proxy: MxProxy;
  dir: string;
  env: Record<string, string>;
}

async function setUp(rules: Rule[]): Promise<Setup> {
  const sandbox = await createSandbox({ jobMs: 20, recordPath: '' });
  const proxy = await startMxProxy(sandbox.url, rules);
  const env = { MX_BASE_URL: proxy.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
  return { sandbox, proxy, dir: tempDir('mx-iav-interrupt-'), env };
}

function savedState(dir: string): Record<string, unknown> {
  const file = JSON.parse(readFileSync(join(dir, 'profiles', 'default.json'), 'utf8')) as { environments: Record<string, Record<string, unknown>> };
  const states = Object.values(file.environments);
  expect(states.length).toBeLessThanOrEqual(1);
  return states[0] ?? {};
}

/** Every user and member the sandbox holds must be the ones saved in the profile. */
async function expectNothingLost(setup: Setup) {
  const state = savedState(setup.dir);
  const client = createMxClient({ baseUrl: setup.sandbox.url, clientId: setup.sandbox.clientId, apiKey: setup.sandbox.apiKey });
  const users = (await client.listUsers({ records_per_page: 100 })).items.map((user) => user.guid);
  expect(users).toEqual(state.user_guid ? [state.user_guid] : []);
  const members = state.user_guid ? (await client.listMembers(String(state.user_guid))).items.map((member) => member.guid) : [];
  expect(members).toEqual(state.member_guid ? [state.member_guid] : []);
  client.close();
  return state;
}

async function resumeAndFinish(setup: Setup, savedUser: unknown) {
  // resume has no --institution: one interrupted before the bank was chosen takes it from the environment.
  const env = { ...setup.env, MX_IAV_INSTITUTION: 'mxbank' };
  const resumed = await runCli(['resume', '--no-input', '--json', ...ANSWERS, ...CREDENTIALS], { configDir: setup.dir, env });
  expect(resumed.stdout + resumed.stderr).not.toMatch(/Unexpected error/);
  expect(resumed.exitCode, resumed.stdout + resumed.stderr).toBe(0);
  const result = JSON.parse(resumed.stdout) as { status: string; user_guid: string };
  expect(result.status).toBe('verified');
  // Interrupted before anything was created (at the credentials prompt), resume makes the one user.
  if (savedUser !== undefined) expect(result.user_guid).toBe(savedUser);
  const stats = setup.sandbox.stats();
  expect({ users: stats.users, members: stats.members, duplicates: stats.duplicate_user_ids + stats.duplicate_member_ids }).toEqual({
    users: 1,
    members: 1,
    duplicates: 0,
  });
}

const closing: Setup[] = [];
afterAll(async () => {
  for (const setup of closing) await Promise.all([setup.proxy.close(), setup.sandbox.close()]);
});

describe('SIGTERM while a request is in flight, then resume', () => {
  const points = [
    // Nothing is sent after the signal: the member is not created once the user is.
    { step: 'creating the user', method: 'POST', path: /^\/users$/, saved: ['user_guid'], absent: ['member_guid'] },
    { step: 'creating the member', method: 'POST', path: /\/members$/, saved: ['user_guid', 'member_guid'] },
    // Only v20111101 has a separate verify after the create (v20250224's create starts the verification).
    { step: 'starting verification', method: 'POST', path: /\/verify$/, saved: ['user_guid', 'member_guid'], version: ['--api-version', 'v20111101'] },
    { step: 'polling the status', method: 'GET', path: /\/status$/, saved: ['user_guid', 'member_guid'] },
  ];
  it.each(points)('$step: exit 130, the profile holds what MX created, resume finishes', async ({ method, path, saved, absent, version }) => {
    const hold = createHold();
    const setup = await setUp([{ method, path, times: 1, action: { hold } }]);
    closing.push(setup);
    const run = spawnCli(['verify', '--no-input', '--json', '--debug', ...(version ?? []), '--institution', 'mxbank', ...ANSWERS, ...CREDENTIALS], { configDir: setup.dir, env: setup.env });
    let stderr = '';
    run.child.stderr!.on('data', (chunk) => (stderr += chunk));
    await hold.arrived;
    run.child.kill('SIGTERM');
    // The signal lands first (mx-iav says so under --debug); a write already sent is then let finish, so its guid
    // can be saved, and nothing is sent after it.
    while (!stderr.includes('debug: SIGTERM received')) await once(run.child.stderr!, 'data');
    hold.release();
    const interrupted = await run.result;
    const last = setup.sandbox.requests().at(-1)!;
    expect({ method: last.method, held: path.test(last.path) }, last.path).toEqual({ method, held: true });
    expect(interrupted.exitCode).toBe(130);
    expect(hasStackTrace(interrupted.stderr)).toBe(false);
    expect(JSON.parse(interrupted.stdout)).toMatchObject({ error: { code: 'interrupted', message: 'Interrupted.' } });
    const state = await expectNothingLost(setup);
    for (const key of saved) expect(state[key]).toMatch(/^(USR|MBR)-/);
    for (const key of absent ?? []) expect(state[key]).toBeUndefined();
    await resumeAndFinish(setup, state.user_guid);
  });
});

describe('SIGTERM at a prompt, then resume', () => {
  const prompts = [
    { at: 'the credentials prompt', args: ['--institution', 'mxbank'], shows: 'Username', step: 'institution' },
    { at: 'an unanswered challenge', args: ['--institution', 'mxbank', ...CREDENTIALS], shows: 'What city were you born in?', step: 'challenged' },
  ];
  it.each(prompts)('$at: exit 130, the step is kept, resume answers and finishes', async ({ args, shows, step }) => {
    const setup = await setUp([]);
    closing.push(setup);
    const { dir } = setup;
    const term = pty.spawn(process.execPath, [BIN, 'verify', ...args], {
      name: 'xterm-256color',
      cols: 100,
      rows: 30,
      env: { ...stringEnv(), MX_IAV_CONFIG_DIR: dir, FORCE_COLOR: '0', ...setup.env },
    });
    let screen = '';
    term.onData((data) => (screen += data));
    const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    await waitUntil(() => screen.includes(shows), () => screen, onPtyData(term));
    term.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(screen).toMatch(/Interrupted/);
    expect(hasStackTrace(screen)).toBe(false);
    const state = await expectNothingLost(setup);
    expect(state.step).toBe(step);
    await resumeAndFinish(setup, state.user_guid);
  });
});

describe('a saved guid MX no longer knows', () => {
  it.each([
    { what: 'user', saved: { user_guid: 'USR-gone-1234' }, sentence: 'MX no longer knows the saved user USR-gone-1234; it has been forgotten.' },
    { what: 'member', saved: { member_guid: 'MBR-gone-1234' }, sentence: 'MX no longer knows the saved member MBR-gone-1234; it has been forgotten.' },
  ])('a saved $what that MX answers 404 for is reported in one sentence, forgotten, and replaced', async ({ saved, sentence }) => {
    const setup = await setUp([]);
    closing.push(setup);
    const first = await runCli(['create-user', '--no-input'], { configDir: setup.dir, env: setup.env });
    expect(first.exitCode).toBe(0);
    const path = join(setup.dir, 'profiles', 'default.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { environments: Record<string, Record<string, unknown>> };
    const key = Object.keys(file.environments)[0]!;
    file.environments[key] = { ...file.environments[key], step: 'verifying', institution_code: 'mxbank', ...saved };
    writeFileSync(path, JSON.stringify(file));
    const run = await runCli(['verify', '--no-input', '--institution', 'mxbank', ...ANSWERS, ...CREDENTIALS], { configDir: setup.dir, env: setup.env });
    expect(run.stderr).toContain(sentence);
    expect(run.stdout).toMatch(/Routing/i);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.exitCode).toBe(0);
    expect(savedState(setup.dir)).not.toMatchObject(saved);
  });
});

function stringEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') env[key] = value;
  return env;
}

async function waitUntil(ready: () => boolean, screen: () => string, printed: Changes, timeoutMs = 15_000) {
  try {
    await waitFor(ready, printed, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new Error(`Prompt never appeared. Screen:\n${screen().slice(-1500)}`);
  }
}
