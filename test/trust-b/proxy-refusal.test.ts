import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startTlsRelay, type TlsRelay } from '../helpers/tls-relay.js';

// A proxy that refuses the CONNECT (it wants its own login, or forbids the host) is the proxy's answer, not MX's:
// https-proxy-agent would replay it as if MX had answered, and a 403 then read as "MX rejected the API credentials".

const dir = tempDir('mx-iav-trust-b-proxy-');
let sandbox: Sandbox;
let relay: TlsRelay;
let refusing: Server;
let proxyUrl = '';
let answer = '';

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '' });
  // 0.0.0.0 names this machine without being loopback, which is never proxied.
  relay = await startTlsRelay(sandbox.url, dir, '0.0.0.0');
  refusing = createServer((_req, res) => res.writeHead(405).end());
  refusing.on('connect', (_req, socket: Socket) => {
    socket.end(`HTTP/1.1 ${answer}\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
});
afterAll(async () => {
  refusing?.closeAllConnections();
  refusing?.close();
  relay?.close();
  await sandbox?.close();
});

// Spawned: proxy-from-env reads HTTPS_PROXY from process.env, and NODE_EXTRA_CA_CERTS is read at start-up.
const env = () => ({ MX_BASE_URL: relay.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey, NODE_EXTRA_CA_CERTS: relay.certPath, HTTPS_PROXY: proxyUrl, NO_PROXY: undefined, no_proxy: undefined });

describe('a proxy refusing the CONNECT tunnel', () => {
  it.each([
    ['407 Proxy Authentication Required', /The proxy wants a login: give it in the proxy URL/],
    ['403 Forbidden', /Check HTTPS_PROXY \/ HTTP_PROXY/],
    ['502 Bad Gateway', /Check HTTPS_PROXY \/ HTTP_PROXY/],
  ])('%s is named as the proxy’s answer (exit 4), never as MX rejecting the credentials', async (status, hint) => {
    answer = status;
    const run = await runCliProcess(['users'], { configDir: join(dir, status.slice(0, 3)), env: env() });
    expect(run.exitCode, run.stderr).toBe(4);
    expect(run.stderr).toContain(`✖ The proxy ${proxyUrl} refused to open a tunnel to MX (it answered ${status}), so GET /users was not sent to MX.\n`);
    expect(run.stderr).toMatch(hint);
    expect(run.stderr).not.toMatch(/MX answered|credentials|API key/);
  });

  it('in --json as well, with the mx_network code', async () => {
    answer = '407 Proxy Authentication Required';
    const run = await runCliProcess(['--json', 'users'], { configDir: join(dir, 'json'), env: env() });
    expect(run.exitCode).toBe(4);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'mx_network', message: expect.stringMatching(/^The proxy .* refused to open a tunnel/) });
  });
});
