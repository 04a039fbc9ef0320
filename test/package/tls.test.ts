import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// MX is HTTPS, and the bundle changes how got's TLS-related modules load (test/build.mjs makes http2-wrapper lazy),
// so the built binary runs a whole verification over TLS: the sandbox behind a TLS relay with a certificate made
// for this test and trusted through NODE_EXTRA_CA_CERTS.
const dir = tempDir('mx-iav-tls-');
const certPath = join(dir, 'cert.pem');
const keyPath = join(dir, 'key.pem');
let sandbox: Sandbox;
let relay: tls.Server;
let relayUrl: string;
let tlsConnections = 0;

beforeAll(async () => {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certPath,
  ], { stdio: 'ignore' });
  sandbox = await createSandbox({ port: 0, jobMs: 0 });
  const upstream = new URL(sandbox.url);
  relay = tls.createServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (client) => {
    tlsConnections += 1;
    const server = net.connect(Number(upstream.port), upstream.hostname);
    client.pipe(server).pipe(client);
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relayUrl = `https://127.0.0.1:${(relay.address() as AddressInfo).port}`;
});

afterAll(async () => {
  relay?.close();
  await sandbox?.close();
});

describe('the built binary over HTTPS', () => {
  it('verifies an account end to end on one TLS connection', async () => {
    const result = await runCli(['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'], {
      configDir: join(dir, 'config'),
      env: {
        MX_BASE_URL: relayUrl,
        MX_CLIENT_ID: sandbox.clientId,
        MX_API_KEY: sandbox.apiKey,
        NODE_EXTRA_CA_CERTS: certPath,
        MX_IAV_CREDENTIAL_LOGIN: 'mxuser',
        MX_IAV_CREDENTIAL_PASSWORD: 'password',
      },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).account_numbers).toEqual([expect.objectContaining({ routing_number: expect.stringMatching(/^\d{9}$/) })]);
    expect(tlsConnections).toBe(1);
  });
});
