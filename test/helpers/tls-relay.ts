import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';

export interface TlsRelay {
  /** `https://<host>:<port>`, the address its certificate is made for. */
  url: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS). */
  certPath: string;
  /** TCP connections accepted so far, a handshake the client then refused included. */
  connections(): number;
  close(): void;
}

/**
 * MX is HTTPS: a TLS relay on loopback in front of a plain-http sandbox, with a certificate made now for `host` (an
 * IP address: 127.0.0.1, or 0.0.0.0 to be named as a non-loopback base URL), kept in `dir`.
 */
export async function startTlsRelay(upstreamUrl: string, dir: string, host = '127.0.0.1'): Promise<TlsRelay> {
  const [certPath, keyPath] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', `/CN=${host}`,
    '-addext', `subjectAltName=IP:${host}`, '-keyout', keyPath, '-out', certPath,
  ], { stdio: 'ignore' });
  const upstream = new URL(upstreamUrl);
  let connections = 0;
  const relay = tls.createServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (client) => {
    const server = net.connect(Number(upstream.port), upstream.hostname);
    client.pipe(server).pipe(client);
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
  });
  relay.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://${host}:${(relay.address() as AddressInfo).port}`,
    certPath,
    connections: () => connections,
    close: () => relay.close(),
  };
}
