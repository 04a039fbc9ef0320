import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// A key saved with `config set api-key` goes only to the environment and base URL it was saved for. A local process
// listening on another loopback port (named by a flag, a variable, or a profile's base URL) never receives it.

const KEY = 'saved-key-for-sandbox-3b7d';
const NO_ENV = { MX_API_KEY: undefined, MX_CLIENT_ID: undefined, MX_BASE_URL: undefined, MX_ENV: undefined };
let sandbox: Sandbox;
let listener: ScriptedServer;
const root = tempDir('mx-iav-saved-key-');
let count = 0;

beforeAll(async () => {
  sandbox = await createSandbox({ jobMs: 0, recordPath: '', apiKey: KEY });
  listener = await startScriptedServer();
  listener.always('GET', '/users', { status: 200, body: { users: [], pagination: { current_page: 1, per_page: 25, total_entries: 0, total_pages: 1 } } });
});
afterAll(async () => {
  await sandbox.close();
  await listener.close();
});

const cli = (args: string[], configDir: string, env: Record<string, string | undefined> = {}) =>
  runCli(args, { configDir, env: { ...NO_ENV, ...env }, input: args.includes('api-key') ? `${KEY}\n` : '' });
const authorizations = () => listener.requests.map((request) => request.headers.authorization ?? '');

async function savedForSandbox(): Promise<string> {
  const configDir = join(root, `case-${(count += 1)}`);
  expect((await cli(['config', 'set', 'base-url', sandbox.url], configDir)).exitCode).toBe(0);
  expect((await cli(['config', 'set', 'client-id', sandbox.clientId], configDir)).exitCode).toBe(0);
  const saved = await cli(['config', 'set', 'api-key'], configDir);
  expect(saved.stdout).toContain(`, for sandbox at ${sandbox.url} only.`);
  return configDir;
}

describe('a saved API key', () => {
  it('is used where it was saved for', async () => {
    const configDir = await savedForSandbox();
    const users = await cli(['users', '--json'], configDir);
    expect(users.exitCode, users.stderr).toBe(0);
    expect((await cli(['config', 'list'], configDir)).stdout).toMatch(new RegExp(`^api-key +\\*+ \\(set; never shown; for sandbox at ${sandbox.url} only\\)$`, 'm'));
  });

  it.each([
    { how: '--base-url', args: () => ['--base-url', listener.url], env: () => ({}) },
    { how: 'MX_BASE_URL', args: () => [], env: () => ({ MX_BASE_URL: listener.url }) },
  ])('is not sent to another loopback base URL given by $how: one sentence, exit 3, no request', async ({ args, env }) => {
    const configDir = await savedForSandbox();
    const before = listener.requests.length;
    const result = await cli([...args(), 'users'], configDir, env());
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`The saved API key is for sandbox at ${sandbox.url}, so mx-iav does not send it to sandbox at ${listener.url}.`);
    expect(listener.requests.length).toBe(before);
    expect(authorizations().join(' ')).not.toContain(Buffer.from(`${sandbox.clientId}:${KEY}`).toString('base64'));
  });

  it('saved before mx-iav recorded where it is for, is kept to the base URL saved beside it', async () => {
    const configDir = join(root, 'legacy');
    mkdirSync(join(configDir, 'profiles'), { recursive: true, mode: 0o700 });
    const settings = { api_key: KEY, client_id: sandbox.clientId, base_url: sandbox.url };
    writeFileSync(join(configDir, 'profiles', 'default.json'), JSON.stringify({ settings }), { mode: 0o600 });
    expect((await cli(['users'], configDir)).exitCode).toBe(0);
    const before = listener.requests.length;
    expect((await cli(['--base-url', listener.url, 'users'], configDir)).exitCode).toBe(3);
    expect(listener.requests.length).toBe(before);
  });

  it('stays for where it was saved when the base URL setting changes, and says so', async () => {
    const configDir = await savedForSandbox();
    const changed = await cli(['config', 'set', 'base-url', listener.url], configDir);
    expect(changed.stdout).toContain(`The saved API key stays for sandbox at ${sandbox.url} only`);
    const before = listener.requests.length;
    expect((await cli(['users'], configDir)).exitCode).toBe(3);
    expect(listener.requests.length).toBe(before);
    const file = JSON.parse(readFileSync(join(configDir, 'profiles', 'default.json'), 'utf8'));
    expect(file.settings.api_key_for).toEqual({ environment: 'sandbox', base_url: sandbox.url });
  });

  it('gives way to a key the user names explicitly (MX_API_KEY), which goes where the user says', async () => {
    const configDir = await savedForSandbox();
    const before = listener.requests.length;
    await cli(['--base-url', listener.url, 'users'], configDir, { MX_API_KEY: 'explicit-key-1' });
    expect(listener.requests.length).toBeGreaterThan(before);
    expect(authorizations().at(-1)).toBe(`Basic ${Buffer.from(`${sandbox.clientId}:explicit-key-1`).toString('base64')}`);
  });
});
