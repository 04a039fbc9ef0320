import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { serveSandbox, type Served } from './sandbox-process.js';
import { steppingClock } from '../helpers/stepping-clock.js';

// Running out of time under --scenario/--expect is a timeout (exit 7), as every wait that times out, not a
// verification that ended otherwise (exit 5); unless TIMEOUT is what was expected.

const dir = tempDir('mx-iav-trust-b-timeout-');
let served: Served;
let runs = 0;
beforeAll(async () => {
  // Each job step takes a minute: nothing ends within the runs' --timeout.
  served = await serveSandbox(join(dir, 'sandbox'), {}, ['--job-ms', '60000']);
});
afterAll(() => served.stop());

const run = (args: string[]) =>
  runCli(['verify', '--no-input', '--timeout', '1s', ...args], {
    configDir: join(dir, `c${(runs += 1)}`),
    // The runs reach their --timeout as their polls add up to it, on a clock of their own.
    clock: steppingClock(),
    env: { MX_BASE_URL: served.url, MX_CLIENT_ID: served.clientId, MX_API_KEY: served.apiKey, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' },
  });

describe('a timeout under --scenario or --expect', () => {
  it('--scenario happy: exit 7 with the expected and the actual end, and a JUnit failure', async () => {
    const junit = join(dir, 'happy.xml');
    const result = await run(['--scenario', 'happy', '--junit', junit]);
    expect(result.exitCode, result.stderr).toBe(7);
    expect(result.stderr).toMatch(/^✖ Scenario happy: expected CONNECTED, got TIMEOUT: /m);
    expect(readFileSync(junit, 'utf8')).toMatch(/<failure [^>]*type="unexpected_outcome"/);
  });

  it('--expect CONNECTED: exit 7, with code timeout under --json', async () => {
    const result = await run(['--json', '--institution', 'mxbank', '--select-account', 'first', '--expect', 'CONNECTED']);
    expect(result.exitCode).toBe(7);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/^Expected CONNECTED, got TIMEOUT/) });
  });

  it('--expect TIMEOUT: exit 0', async () => {
    const result = await run(['--institution', 'mxbank', '--select-account', 'first', '--expect', 'TIMEOUT']);
    expect(result.exitCode, result.stderr).toBe(0);
  });
});
