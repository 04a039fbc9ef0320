import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
let runs = 0;
const fresh = () => `${root}/run-${(runs += 1)}`;

describe('mx-iav doctor', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, jobMs: 0 });
  });
  afterAll(() => sandbox.close());

  it('exits 0 on the built-in sandbox and says what it checked', async () => {
    const result = await runCli(['doctor'], { configDir: fresh() });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^✔ node +Node \d+\.\d+\.\d+$/m);
    expect(result.stdout).toMatch(/^✔ environment +sandbox \(the default\) at the built-in sandbox/m);
    expect(result.stdout).toMatch(/^✔ reachable +the built-in sandbox answered in \d+ ms$/m);
    expect(result.stdout).toMatch(/^✔ authenticates /m);
    expect(result.stdout).not.toMatch(/✖/);
  });

  it('names where each credential came from and never shows the key', async () => {
    const env = { MX_BASE_URL: sandbox.url, MX_API_KEY: sandbox.apiKey };
    const result = await runCli(['doctor', '--client-id', sandbox.clientId], { configDir: fresh(), env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^✔ client id +set, from the command line$/m);
    expect(result.stdout).toMatch(/^✔ api key +set, from the environment \(never shown\)$/m);
    expect(result.stdout).toContain(`at ${sandbox.url} (from the environment)`);
    expect(result.stdout + result.stderr).not.toContain(sandbox.apiKey);
  });

  it('a wrong MX_API_KEY is exit 3 with the fix, and the key is not printed', async () => {
    const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: 'wrong-key-canary-77' };
    const result = await runCli(['doctor'], { configDir: fresh(), env });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/^✖ authenticates +MX rejected the client id or API key \(401\)$/m);
    expect(result.stdout).toMatch(/fix: Correct MX_API_KEY and MX_CLIENT_ID in the environment/);
    expect(result.stderr).toMatch(/^✖ mx-iav doctor found a problem: MX rejected the client id or API key \(401\)\.$/m);
    expect(result.stdout + result.stderr).not.toContain('wrong-key-canary-77');
  });

  it('an unreachable API is exit 4; under --json stdout holds only the error document', async () => {
    const env = { MX_BASE_URL: 'http://127.0.0.1:9', MX_CLIENT_ID: 'id', MX_API_KEY: 'key' };
    const result = await runCli(['doctor', '--json'], { configDir: fresh(), env });
    expect(result.exitCode).toBe(4);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'doctor', message: expect.stringMatching(/refused/) });
    expect(result.stderr).toMatch(/✖ reachable .*refused/);
  });

  it('a profile file readable by others is exit 3 with the chmod that fixes it', async () => {
    const configDir = fresh();
    expect((await runCli(['config', 'set', 'client-id', 'abc'], { configDir })).exitCode).toBe(0);
    chmodSync(`${configDir}/profiles/default.json`, 0o644);
    const result = await runCli(['doctor'], { configDir });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain(`fix: chmod 600 ${configDir}/profiles/default.json`);
    chmodSync(configDir, 0o755);
    chmodSync(`${configDir}/profiles/default.json`, 0o600);
    const openDir = await runCli(['doctor'], { configDir });
    expect(openDir.exitCode).toBe(0);
    expect(openDir.stdout).toMatch(new RegExp(`^⚠ config .*mode 755.*\\n.*fix: chmod 700 ${configDir}$`, 'm'));
  });

  it('reports a configuration that cannot work (development without an API key) as exit 3', async () => {
    const result = await runCli(['doctor', '--env', 'development'], { configDir: fresh(), env: { MX_CLIENT_ID: 'id' } });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/^✖ configuration +The development environment needs MX API credentials, and no API key is configured\.$/m);
    expect(result.stdout).toMatch(/fix: Set MX_CLIENT_ID and MX_API_KEY/);
  });
});
