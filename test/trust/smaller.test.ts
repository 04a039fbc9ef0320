import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const denied = ['verify', '--no-input', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=INVALID'];

describe('status --watch that ends without connecting', () => {
  it('exits 5 with the status named (DENIED), in text and JSON', async () => {
    const configDir = tempDir();
    expect((await runCli(denied, { configDir })).exitCode).toBe(5);
    const text = await runCli(['status', '--watch'], { configDir });
    expect(text.exitCode).toBe(5);
    expect(text.stderr).toContain('✖ MX Bank did not accept those credentials.\n');
    const json = await runCli(['status', '--watch', '--json'], { configDir });
    expect(json.exitCode).toBe(5);
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { connection_status?: string; error?: { status: string } });
    expect(lines.at(-1)!.error!.status).toBe('DENIED');
    expect(lines[0]!.connection_status).toBe('DENIED');
  });
});

describe('missing bank credentials under --no-input', () => {
  it('are named all at once, each with its variable and flag', async () => {
    const run = await runCli(['verify', '--no-input', '--institution', 'mxbank'], { configDir: tempDir() });
    expect(run.exitCode).toBe(6);
    expect(run.stderr).toContain(
      '✖ MX Bank asks for Username and Password, but --no-input is set: set MX_IAV_CREDENTIAL_LOGIN and MX_IAV_CREDENTIAL_PASSWORD, give --credentials-file FILE, or pass --credential LOGIN=... --credential PASSWORD=....\n',
    );
  });
});

describe('profiles list and remove', () => {
  it('lists each profile with its saved user, never the key; remove forgets one and names its guids', async () => {
    const configDir = tempDir();
    const made = JSON.parse((await runCli(['--profile', 'jane', 'create-user', '--json'], { configDir })).stdout) as { user: { guid: string } };
    await runCli(['create-user'], { configDir });
    await runCli(['--profile', 'jane', 'config', 'set', 'api-key'], { configDir, input: 'K3y-never-shown\n' });
    const listed = await runCli(['profiles', 'list', '--json'], { configDir });
    expect(listed.stdout).not.toContain('K3y-never-shown');
    const profiles = (JSON.parse(listed.stdout) as { profiles: { name: string; api_key_saved: boolean; saved: { user_guid: string }[] }[] }).profiles;
    expect(profiles.map((p) => p.name)).toEqual(['default', 'jane']);
    expect(profiles[1]!.saved[0]!.user_guid).toBe(made.user.guid);
    const text = await runCli(['profiles', 'list'], { configDir });
    expect(text.stdout).toMatch(/^Profile +Environment +API key +Saved user +Saved member\n/);
    const removed = await runCli(['profiles', 'remove', 'jane'], { configDir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed profile "jane". It had saved ${made.user.guid}:`);
    expect(readdirSync(join(configDir, 'profiles')).sort()).toEqual(['default.json']);
    expect(readdirSync(join(configDir, 'sandbox')).sort()).toEqual(['default.json']);
    const again = await runCli(['profiles', 'remove', 'jane'], { configDir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain(`✖ There is no profile "jane" in ${join(configDir, 'profiles')}.`);
  });
});

describe('a profile file that is not one', () => {
  it.each([['{'], ['null'], ['[]']])('%s: list says so in one sentence (exit 3), and the remove it hints at works', async (text) => {
    const configDir = tempDir();
    await runCli(['config', 'path'], { configDir });
    mkdirSync(join(configDir, 'profiles'), { recursive: true, mode: 0o700 });
    writeFileSync(join(configDir, 'profiles', 'broken.json'), text, { mode: 0o600 });
    const listed = await runCli(['profiles', 'list'], { configDir });
    expect(listed.exitCode, listed.stderr).toBe(3);
    expect(listed.stderr).toMatch(/^✖ The profile file .*broken\.json cannot be read: it is not a profile file \(a JSON object\)\.\n {2}Fix the file by hand, or remove it with: mx-iav profiles remove broken\n$/);
    const removed = await runCli(['profiles', 'remove', 'broken'], { configDir });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.stdout).toBe('Removed profile "broken".\n');
    expect(readdirSync(join(configDir, 'profiles')).filter((name) => name.endsWith('.json'))).toEqual([]);
  });

  it('an environment saved as null is listed as saving nothing, not an unexpected error', async () => {
    const configDir = tempDir();
    await runCli(['config', 'path'], { configDir });
    mkdirSync(join(configDir, 'profiles'), { recursive: true, mode: 0o700 });
    writeFileSync(join(configDir, 'profiles', 'odd.json'), '{"environments":{"sandbox":null}}', { mode: 0o600 });
    const listed = await runCli(['profiles', 'list', '--json'], { configDir });
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ profiles: [{ name: 'odd', environment: null, api_key_saved: false, saved: [{ environment: 'sandbox', user_guid: null, member_guid: null }] }] });
  });
});

describe('where the config goes without MX_IAV_CONFIG_DIR', () => {
  const cwd = tempDir();
  const path = (env: Record<string, string | undefined>) =>
    runCli(['config', 'path'], { configDir: '', env: { MX_IAV_CONFIG_DIR: undefined, ...env } }).then((run) => run.stdout.trim());
  it.each([
    ['an empty HOME', { HOME: '' }],
    ['a relative HOME', { HOME: 'home' }],
    ['a relative XDG_CONFIG_HOME', { XDG_CONFIG_HOME: 'cfg', HOME: userInfo().homedir }],
  ])('%s: the account\'s home, never the working directory', async (_name, env) => {
    mkdirSync(cwd, { recursive: true });
    const found = await path({ ...env, PWD: cwd });
    expect(found).toBe(join(userInfo().homedir, '.config', 'mx-iav', 'profiles', 'default.json'));
  });
});

describe('the same bad value, the same exit code in every command', () => {
  const commands = [['status'], ['users'], ['members'], ['report'], ['account-numbers'], ['doctor'], ['create-user'], ['verify'], ['resume']];
  it.each([
    [['--profile', '../x'], {}, 2],
    [[], { MX_IAV_PROFILE: '../x' }, 2],
    [[], { MX_ENV: 'nope' }, 2],
    [[], { MX_API_VERSION: 'v1' }, 2],
    [[], { MX_IAV_REQUEST_TIMEOUT: 'zz' }, 2],
  ] as const)('%j %j', async (flags, env, code) => {
    // One config directory each: verify and resume on one profile at once would refuse each other the lock (exit 3).
    const codes = await Promise.all(commands.map(async (command) => (await runCli([...flags, ...command, '--no-input'], { configDir: tempDir(), env })).exitCode));
    expect(Object.fromEntries(commands.map((command, i) => [command[0], codes[i]]))).toEqual(Object.fromEntries(commands.map((command) => [command[0], code])));
  });
});
