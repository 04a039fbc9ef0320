import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startTlsRelay, type TlsRelay } from '../helpers/tls-relay.js';

// Behind a corporate proxy MX is reached only through it: HTTPS_PROXY (or https_proxy) sends every request through
// a CONNECT tunnel, NO_PROXY exempts hosts. Here a real CONNECT proxy on loopback stands in front of the sandbox
// behind a TLS relay with a certificate made for this test. And a certificate this machine does not trust is one
// sentence, sent once, never retried as if the network had failed.
const dir = tempDir('mx-iav-proxy-');
let sandbox: Sandbox;
let relay: TlsRelay;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];
let runs = 0;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '' });
  // Named 0.0.0.0, not loopback: a loopback base URL is never proxied (as Go's ProxyFromEnvironment).
  relay = await startTlsRelay(sandbox.url, dir, '0.0.0.0');

  // The proxy: CONNECT host:port opens a TCP tunnel, as squid and corporate proxies do for https.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const server = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      server.write(head);
      server.pipe(client).pipe(server);
    });
    server.on('error', () => client.destroy());
    client.on('error', () => server.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy?.closeAllConnections();
  proxy?.close();
  relay?.close();
  await sandbox?.close();
});

const mx = () => ({ MX_BASE_URL: relay.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey, NODE_EXTRA_CA_CERTS: relay.certPath });
const noProxy = { HTTPS_PROXY: undefined, https_proxy: undefined, HTTP_PROXY: undefined, http_proxy: undefined, ALL_PROXY: undefined, all_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined };
// Spawned: proxy-from-env reads the proxy variables from process.env, and NODE_EXTRA_CA_CERTS is read at start-up.
const run = (args: string[], env: Record<string, string | undefined>) => runCliProcess(args, { configDir: join(dir, `config-${(runs += 1)}`), env: { ...noProxy, ...env } });

describe('HTTPS_PROXY, https_proxy and NO_PROXY', () => {
  it('verifies an account end to end through the proxy\'s CONNECT tunnel (https_proxy, lower case)', async () => {
    const before = tunnels.length;
    const result = await run(['--debug', 'verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'], {
      ...mx(), https_proxy: proxyUrl, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password',
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).status).toBe('verified');
    // Every tunnel goes to the base URL's host and port (a non-loopback base URL polls every 3 s, so an idle
    // keep-alive tunnel may be closed and opened again between polls).
    expect(new Set(tunnels.slice(before))).toEqual(new Set([new URL(relay.url).host]));
    expect(result.stderr).toContain(`debug: through the proxy ${proxyUrl}`);
  });

  it('HTTPS_PROXY (upper case) is honoured, and a user name and password in it are never shown', async () => {
    const before = tunnels.length;
    const withLogin = proxyUrl.replace('http://', 'http://proxyuser:proxy-secret-77@');
    // DEBUG=* is how the proxy agents' own logging is turned on; it would print the proxy URL whole.
    const result = await run(['--debug', 'users'], { ...mx(), HTTPS_PROXY: withLogin, DEBUG: '*' });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(tunnels.length).toBe(before + 1);
    expect(result.stdout + result.stderr).not.toContain('proxy-secret-77');
  });

  it('doctor names the proxy it goes through, and its probe reaches MX through it', async () => {
    const before = tunnels.length;
    const result = await run(['doctor'], { ...mx(), HTTPS_PROXY: proxyUrl.replace('http://', 'http://proxyuser:proxy-secret-77@') });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^✔ proxy +through ${proxyUrl.replace(/[.]/g, '\\.')} \\(HTTPS_PROXY`, 'm'));
    expect(result.stdout).not.toContain('proxy-secret-77');
    expect(tunnels.length).toBe(before + 1);
    const direct = await run(['doctor'], { ...mx(), HTTPS_PROXY: proxyUrl, NO_PROXY: '0.0.0.0' });
    expect(direct.stdout).toMatch(/^✔ proxy +none: .*NO_PROXY excludes it/m);
  });

  it('a proxy that cannot be reached is named as the proxy, not as MX refusing', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadProxy = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const result = await run(['users'], { ...mx(), HTTPS_PROXY: deadProxy });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(`✖ The proxy ${deadProxy} could not be reached (ECONNREFUSED), so GET /users was not sent to MX.\n`);
    expect(result.stderr).toContain('NO_PROXY');
  });

  it('NO_PROXY naming the host goes direct', async () => {
    const before = tunnels.length;
    const result = await run(['--debug', 'users'], { ...mx(), HTTPS_PROXY: proxyUrl, NO_PROXY: 'localhost,0.0.0.0' });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(tunnels.length).toBe(before);
    expect(result.stderr).not.toContain('through the proxy');
  });
});

describe('a TLS certificate this machine does not trust', () => {
  it('is one sentence naming the cause, exit 3, and the request is not retried', async () => {
    const before = relay.connections();
    const result = await run(['users'], { ...mx(), NODE_EXTRA_CA_CERTS: undefined });
    expect(result.exitCode).toBe(3);
    const host = new URL(relay.url).host;
    expect(result.stderr).toContain(
      `✖ mx-iav did not trust ${host}: its certificate is signed by an authority this machine does not trust (DEPTH_ZERO_SELF_SIGNED_CERT), so GET /users was not sent.\n`,
    );
    expect(result.stderr).toContain('NODE_EXTRA_CA_CERTS');
    expect(relay.connections() - before).toBe(1);
  });

  it('through the proxy as well', async () => {
    const before = relay.connections();
    const result = await run(['--json', 'users'], { ...mx(), NODE_EXTRA_CA_CERTS: undefined, HTTPS_PROXY: proxyUrl });
    expect(result.exitCode).toBe(3);
    expect(JSON.parse(result.stdout).error.code).toBe('tls_certificate');
    expect(relay.connections() - before).toBe(1);
  });
});
