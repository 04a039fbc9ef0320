import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createHold, startMxProxy, type MxProxy } from '../helpers/mx-proxy.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// kill -9 while a create is in flight, and MX creates the object anyway: the next run must find it (by the partner
// id saved before sending) instead of making a second user or failing on "already exists".

const FLAGS = ['--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'];
const LOGIN = ['--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=password'];
const root = tempDir();
let open: { sandbox: Sandbox; proxy: MxProxy }[] = [];
afterEach(async () => {
  for (const { sandbox, proxy } of open) await Promise.all([proxy.close(), sandbox.close()]);
  open = [];
});

async function killedDuring(method: string, path: RegExp, dir: string, created: (sandbox: Sandbox) => boolean) {
  const sandbox = await createSandbox({ port: 0, jobMs: 0 });
  const hold = createHold();
  const proxy = await startMxProxy(sandbox.url, [{ method, path, times: 1, action: { hold } }]);
  open.push({ sandbox, proxy });
  const env = { MX_BASE_URL: proxy.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
  const run = spawnCli(['verify', ...FLAGS, ...LOGIN], { configDir: dir, env });
  await hold.arrived;
  run.child.kill('SIGKILL');
  await run.result;
  hold.release();
  // MX goes on to create what the dead process asked for.
  await hold.answered;
  expect(created(sandbox)).toBe(true);
  return { sandbox, env };
}

const savedState = (dir: string) => {
  const file = JSON.parse(readFileSync(join(dir, 'profiles', 'default.json'), 'utf8')) as { environments: Record<string, Record<string, unknown>> };
  return Object.values(file.environments)[0] ?? {};
};

describe('a create whose reply was lost to kill -9', () => {
  it('POST /users: the next verify finds that user instead of creating a second', async () => {
    const dir = `${root}/user`;
    const { sandbox, env } = await killedDuring('POST', /^\/users$/, dir, (s) => s.stats().users === 1);
    expect(savedState(dir).pending_user_id).toMatch(/^mx-iav-/);
    const next = await runCli(['verify', ...FLAGS.filter((flag) => flag !== '--json'), ...LOGIN], { configDir: dir, env });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/Found user USR-\S+, which an interrupted run created/);
    expect(sandbox.stats()).toMatchObject({ users: 1, members: 1, duplicate_user_ids: 0 });
    expect(savedState(dir).pending_user_id).toBeUndefined();
  });

  it.each([{ command: ['verify'] }, { command: ['resume'] }, { command: ['verify', '--new'] }])('POST /members: `$command` continues that member, no raw 409', async ({ command }) => {
    const dir = `${root}/member-${command.join('')}`;
    const { sandbox, env } = await killedDuring('POST', /\/members$/, dir, (s) => s.stats().members === 1);
    expect(savedState(dir)).toMatchObject({ user_guid: expect.stringMatching(/^USR-/), pending_member_id: expect.stringMatching(/^mx-iav-/) });
    const next = await runCli([...command, ...FLAGS, ...LOGIN], { configDir: dir, env });
    expect(next.stderr).not.toMatch(/409|already exists/);
    expect(next.exitCode, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ status: 'verified' });
    expect(sandbox.stats()).toMatchObject({ users: 1, members: 1 });
    expect(savedState(dir).pending_member_id).toBeUndefined();
  });
});

describe('verify --new with the credentials of the saved member', () => {
  it('keeps the saved member and continues it instead of failing on "already exists"', async () => {
    const sandbox = await createSandbox({ port: 0, jobMs: 0 });
    open.push({ sandbox, proxy: { url: '', close: async () => {} } });
    const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
    const dir = `${root}/new-same`;
    const first = await runCli(['verify', ...FLAGS, ...LOGIN], { configDir: dir, env });
    expect(first.exitCode, first.stderr).toBe(0);
    const member = JSON.parse(first.stdout).member_guid as string;
    const again = await runCli(['verify', '--new', ...FLAGS.filter((flag) => flag !== '--json'), ...LOGIN], { configDir: dir, env });
    expect(again.stderr).toContain(`MX already has member ${member} at MX Bank with these credentials; continuing with it`);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(savedState(dir).member_guid).toBe(member);
    expect(sandbox.stats().members).toBe(1);
  });
});

describe('what a new member needs is settled before anything is created', () => {
  it.each([
    { missing: 'the institution', args: ['verify', '--no-input'] },
    { missing: 'the credentials', args: ['verify', '--no-input', '--institution', 'mxbank'] },
  ])('verify --no-input without $missing: exit 6 and no user at MX', async ({ args }) => {
    const sandbox = await createSandbox({ port: 0, jobMs: 0 });
    open.push({ sandbox, proxy: { url: '', close: async () => {} } });
    const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey, MX_IAV_INSTITUTION: undefined };
    const result = await runCli(args, { configDir: `${root}/nothing-${args.length}`, env });
    expect(result.exitCode, result.stderr).toBe(6);
    expect(sandbox.stats().users).toBe(0);
  });
});
