import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// `mx-iav sandbox` prints three lines to export; after that every command talks to that server.
describe('mx-iav sandbox as a separate process', () => {
  const root = tempDir();
  let server: ChildProcess;
  const exported: Record<string, string> = {};

  beforeAll(async () => {
    server = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--job-ms', '0', '--seed', '7'], {
      env: { ...process.env, NO_COLOR: '1', MX_IAV_CONFIG_DIR: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout!.on('data', (chunk) => (out += chunk));
    while (!/MX_API_KEY=.+\n/.test(out)) await once(server.stdout!, 'data');
    for (const line of out.split('\n')) {
      const match = /^(MX_[A-Z_]+)=(.+)$/.exec(line);
      if (match) exported[match[1]!] = match[2]!;
    }
  });
  afterAll(async () => {
    server.kill('SIGINT');
    await once(server, 'exit');
  });

  it('prints the lines to export and the scenario table', () => {
    expect(exported.MX_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(exported.MX_CLIENT_ID).toBeTruthy();
    expect(exported.MX_API_KEY).toBeTruthy();
  });

  it('verify runs against it with the exported variables', async () => {
    const result = await runCli(['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'], {
      configDir: `${root}/client`,
      env: { ...exported, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' },
    });
    expect(result.stderr).not.toMatch(/built-in sandbox/);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).environment).toBe('sandbox');
  });

  it('under --json, a saved member MX no longer knows is still reported on stderr, and a new one is made', async () => {
    const configDir = `${root}/forgotten`;
    const env = { ...exported, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' };
    const args = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'];
    const first = JSON.parse((await runCli(args, { configDir, env })).stdout);
    const auth = `Basic ${Buffer.from(`${exported.MX_CLIENT_ID}:${exported.MX_API_KEY}`).toString('base64')}`;
    const deleted = await fetch(`${exported.MX_BASE_URL}/users/${first.user_guid}/members/${first.member_guid}`, {
      method: 'DELETE',
      headers: { authorization: auth, accept: 'application/vnd.mx.api.v1+json' },
    });
    expect(deleted.status).toBe(204);
    const second = await runCli(args, { configDir, env });
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toContain(`Warning: MX no longer knows the saved member ${first.member_guid}`);
    expect(JSON.parse(second.stdout).member_guid).not.toBe(first.member_guid);
  });

  it('a wrong API key is exit 3 and the key is never printed', async () => {
    const result = await runCli(['create-user', '--no-input'], {
      configDir: `${root}/wrong-key`,
      env: { ...exported, MX_API_KEY: 'wrong-key-canary-42' },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/401/);
    expect(result.stderr + result.stdout).not.toContain('wrong-key-canary-42');
  });
});
