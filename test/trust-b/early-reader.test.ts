import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, hasStackTrace, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { serveSandbox, type Served } from './sandbox-process.js';

// `mx-iav … | head -1`: the reader takes what it wants and closes the pipe, and the next write meets EPIPE. That
// ends the run quietly with exit 0, never a Node stack trace.

const dir = tempDir('mx-iav-trust-b-epipe-');
let served: Served;
beforeAll(async () => {
  served = await serveSandbox(join(dir, 'sandbox'), {}, ['--job-ms', '1000']);
});
afterAll(() => served.stop());

const env = () => ({ ...process.env, NO_COLOR: '1', MX_IAV_CONFIG_DIR: join(dir, 'config'), MX_BASE_URL: served.url, MX_CLIENT_ID: served.clientId, MX_API_KEY: served.apiKey });

/** Runs the binary with stdout read until `wanted` lines came, then closed, as `| head -N` does. */
async function readThenClose(args: string[], wanted: number) {
  const child = spawn(process.execPath, [BIN, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  if (wanted === 0) child.stdout.destroy();
  else {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.split('\n').length > wanted) child.stdout.destroy();
    });
  }
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  return { exitCode, stdout, stderr };
}

describe('a reader that closes early', () => {
  it.each([[['--help']], [['help', 'verify']], [['verify', '--help']], [['scenarios']]])('mx-iav %j exits 0 quietly', async (args) => {
    const run = await readThenClose(args, 0);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('status --watch --json after its first line exits 0 quietly', async () => {
    const credentials = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' };
    expect((await runCli(['create-user'], { configDir: join(dir, 'config'), env: env() })).exitCode).toBe(0);
    const created = await runCli(['create-member', '--institution', 'mxbank'], { configDir: join(dir, 'config'), env: { ...env(), ...credentials } });
    expect(created.exitCode, created.stderr).toBe(0);
    const run = await readThenClose(['status', '--watch', '--json', '--timeout', '30s'], 1);
    expect(JSON.parse(run.stdout.split('\n')[0]!)).toHaveProperty('connection_status');
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });
});
