import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startScriptedServer, type RecordedRequest, type ScriptedServer } from '../helpers/scripted-server.js';
import { tempDir } from '../helpers/temp-dir.js';

// The API version through the binary against a loopback "MX" that serves v20250224 only and answers anything else
// 406 in MX's envelope, as MX documents for a request without a valid version: what doctor, --debug and report say.

const root = tempDir();
let runs = 0;
const fresh = () => `${root}/run-${(runs += 1)}`;
const API_KEY = 'doctor-version-key-5ecret';
const pagination = { current_page: 1, per_page: 10, total_entries: 1, total_pages: 1 };

let server: ScriptedServer;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startScriptedServer();
  server.always('GET', '/institutions', (request: RecordedRequest) =>
    request.headers['accept-version'] === 'v20250224'
      ? { body: { institutions: [{ code: 'mxbank', name: 'MX Bank', supported_products: ['account_verification'], is_hidden: false }], pagination } }
      : { status: 406, body: { error: { message: "The request didn't specify a valid API version." } } },
  );
  env = { MX_BASE_URL: server.url, MX_CLIENT_ID: 'client-abc', MX_API_KEY: API_KEY };
});
afterAll(() => server.close());

describe('the API version in doctor, --debug and report', () => {
  it('doctor shows the default version, its headers, and that MX served it', async () => {
    const result = await runCli(['doctor'], { configDir: fresh(), env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^✔ api version +v20250224 \(the default\); sends Accept: application\/json, Accept-Version: v20250224$/m);
    expect(result.stdout).toMatch(/^✔ version accepted +MX accepted Accept-Version v20250224 and answered in its media type$/m);
  });

  it('doctor --api-version v20111101 says in one sentence that MX refused it, exit 4', async () => {
    const result = await runCli(['doctor', '--api-version', 'v20111101'], { configDir: fresh(), env });
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/^✔ api version +v20111101 \(from the command line\); sends Accept: application\/vnd\.mx\.api\.v1\+json, Accept-Version: v20111101$/m);
    expect(result.stdout).toMatch(/^✖ version accepted +MX refused Accept-Version v20111101 \(406\): The request didn't specify a valid API version$/m);
    expect(result.stdout).toMatch(/fix: Try --api-version v20250224;/);
    expect(server.requests.at(-1)?.headers).toMatchObject({ accept: 'application/vnd.mx.api.v1+json', 'accept-version': 'v20111101' });
  });

  it('doctor names an answer in another version\'s media type (a proxy or MX ignored the header), exit 4', async () => {
    const legacyOnly = await startScriptedServer();
    legacyOnly.always('GET', '/institutions', { body: { institutions: [], pagination }, headers: { 'content-type': 'application/vnd.mx.api.v1+json' } });
    try {
      const result = await runCli(['doctor'], { configDir: fresh(), env: { ...env, MX_BASE_URL: legacyOnly.url } });
      expect(result.exitCode).toBe(4);
      expect(result.stdout).toMatch(
        /^✖ version accepted +MX answered Accept-Version v20250224 in application\/vnd\.mx\.api\.v1\+json, not application\/json, so it did not serve v20250224$/m,
      );
    } finally {
      await legacyOnly.close();
    }
  });

  it('--debug shows the version headers once and never the Authorization header', async () => {
    const result = await runCli(['search-institution', 'bank', '--debug', '--json'], { configDir: fresh(), env: { ...env, MX_API_VERSION: 'v20250224' } });
    expect(result.exitCode).toBe(0);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('debug: api '));
    expect(lines).toEqual(['debug: api v20250224: Accept: application/json, Accept-Version: v20250224']);
    expect(result.stderr).toContain('API v20250224 (environment)');
    expect(result.stderr).not.toMatch(/authorization|Basic |doctor-version-key/i);
  });

  it('report names the version and where it came from', async () => {
    const dir = fresh();
    expect((await runCli(['config', 'set', 'api-version', 'v20111101'], { configDir: dir })).exitCode).toBe(0);
    const result = await runCli(['report'], { configDir: dir, env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^API version: +v20111101 \(config\)$/m);
  });
});
