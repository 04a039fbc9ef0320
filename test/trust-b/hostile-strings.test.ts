import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startMxProxy, type MxProxy } from '../helpers/mx-proxy.js';
import { hasStackTrace, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// A hostile MX (a proxy rewriting the real sandbox's answers) puts terminal control sequences in the strings mx-iav
// prints: a user id that retitles the window and clears the screen, an OSC 8 link, a carriage return that would
// overwrite the line, in ids, emails and error messages. Whatever the command, none of it reaches the output.

const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\rX\u009b31m';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const dir = tempDir('mx-iav-trust-b-hostile-');
let sandbox: Sandbox;
let proxy: MxProxy;
let runs = 0;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '' });
  const hostileUser = (user: Record<string, unknown>) => ({ ...user, id: `mx-iav-${HOSTILE}`, email: `${HOSTILE}@example.com`, metadata: HOSTILE });
  proxy = await startMxProxy(sandbox.url, [
    { method: 'POST', path: /^\/users$/, action: { rewrite: (body) => ({ user: hostileUser(body.user) }) } },
    { method: 'GET', path: /^\/users$/, action: { rewrite: (body) => ({ ...body, users: body.users.map(hostileUser) }) } },
    { method: 'GET', path: /^\/users\/[^/]+$/, action: { rewrite: (body) => ({ user: hostileUser(body.user) }) } },
    { method: 'DELETE', path: /^\/users\/[^/]+$/, action: { status: 400, body: { error: { message: `Cannot delete ${HOSTILE}` } } } },
  ]);
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

const run = (args: string[], configDir = join(dir, `c${(runs += 1)}`)) =>
  runCli(args, { configDir, env: { MX_BASE_URL: proxy.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey } });

describe('MX strings with terminal control sequences', () => {
  it('create-user prints the id without them, and the readable rest of it', async () => {
    const result = await run(['create-user']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(CONTROL);
    expect(result.stdout).toMatch(/^Created user USR-\S+ \(id mx-iav-click X\)\. Next: mx-iav search-institution NAME\n$/);
  });

  it('cleanup lists and reports the failed deletes without them', async () => {
    const configDir = join(dir, 'cleanup');
    expect((await run(['create-user'], configDir)).exitCode).toBe(0);
    const result = await run(['cleanup', '--yes'], configDir);
    expect(result.exitCode).toBe(4);
    const output = result.stdout + result.stderr;
    expect(output).not.toMatch(CONTROL);
    expect(output).toMatch(/Cannot delete click X/);
    expect(hasStackTrace(output)).toBe(false);
  });

  it.each([['users'], ['users', '--id', 'x'], ['status', '--user', 'USR-1', '--member', 'MBR-1']])('%s prints none of them', async (...args) => {
    const result = await run(args);
    expect(result.stdout + result.stderr).not.toMatch(CONTROL);
  });
});
