import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startTlsRelay, type TlsRelay } from '../helpers/tls-relay.js';

// MX is HTTPS, and the bundle changes how got's TLS-related modules load (test/build.mjs makes http2-wrapper lazy),
// so the built binary runs a whole verification over TLS: the sandbox behind a TLS relay with a certificate made
// for this test and trusted through NODE_EXTRA_CA_CERTS.
const dir = tempDir('mx-iav-tls-');
let sandbox: Sandbox;
let relay: TlsRelay;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0 });
  relay = await startTlsRelay(sandbox.url, dir);
});

afterAll(async () => {
  relay?.close();
  await sandbox?.close();
});

describe('the built binary over HTTPS', () => {
  it('verifies an account end to end on one TLS connection', async () => {
    // Spawned: NODE_EXTRA_CA_CERTS, which trusts the relay's certificate, is read only when a process starts.
    const result = await runCliProcess(['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'], {
      configDir: join(dir, 'config'),
      env: {
        MX_BASE_URL: relay.url,
        MX_CLIENT_ID: sandbox.clientId,
        MX_API_KEY: sandbox.apiKey,
        NODE_EXTRA_CA_CERTS: relay.certPath,
        MX_IAV_CREDENTIAL_LOGIN: 'mxuser',
        MX_IAV_CREDENTIAL_PASSWORD: 'password',
      },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).account_numbers).toEqual([expect.objectContaining({ routing_number: expect.stringMatching(/^\d{9}$/) })]);
    expect(relay.connections()).toBe(1);
  });
});
