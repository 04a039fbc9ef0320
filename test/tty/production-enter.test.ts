import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, startPty } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { tempDir } from '../helpers/temp-dir.js';

// "production" here is the production environment pointed at a loopback server that has no reply registered: any
// request the run sent would fail the test at close(), so "nothing sent" is checked on the wire.

const root = tempDir('mx-iav-production-enter-');
let count = 0;
const fresh = () => join(root, `p${(count += 1)}`);

let mx: ScriptedServer;
beforeEach(async () => (mx = await startScriptedServer()));
afterEach(async () => mx.close());

const production = () => ['users', '--env', 'production', '--base-url', mx.url, '--client-id', 'client-prod'];
const env = { MX_API_KEY: 'production-key-never-sent' };

describe('Enter at the production confirmation', () => {
  it('stops: exit 130, one sentence, nothing sent to MX, nothing remembered', async () => {
    const configDir = fresh();
    const session = startPty(production(), configDir, env);
    await session.waitFor('This is MX production: real customers and real bank accounts. Continue?');
    session.type(KEYS.enter);
    expect(await session.exited()).toBe(130);
    expect(session.screen()).toContain('Continue? (y/N)');
    expect(session.screen()).toContain('Stopped: MX production was not confirmed.');
    expect(mx.requests).toEqual([]);

    // Not confirmed means not remembered: the next run in a terminal asks again.
    const again = startPty(production(), configDir, env);
    await again.waitFor('Continue?');
    again.type(`n${KEYS.enter}`);
    expect(await again.exited()).toBe(130);
    expect(mx.requests).toEqual([]);
  });

  it('without a terminal the run is not asked and goes on (the fallback), and is not remembered as confirmed', async () => {
    mx.always('GET', '/users', { body: { users: [], pagination: { current_page: 1, per_page: 25, total_entries: 0, total_pages: 1 } } });
    const configDir = fresh();
    const run = await runCli([...production(), '--no-input'], { configDir, env });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('MX production');
    expect(mx.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /users']);

    const session = startPty(production(), configDir, env);
    await session.waitFor('Continue?');
    session.type(KEYS.enter);
    expect(await session.exited()).toBe(130);
  });
});
