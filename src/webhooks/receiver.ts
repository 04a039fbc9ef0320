// The local end MX (or the sandbox) posts webhooks to. MX documents no signature, only Basic auth, mutual TLS or an
// OAuth bearer token on its side (extras §3.2), so Basic auth is what a receiver can check; and MX asks to "promptly
// send a 204 No Content", so the answer never waits for what the listener does with the webhook.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  receivedAt: Date;
  method: string;
  /** The request target as sent (path and query). */
  target: string;
  /** Header names and values as they arrived, in order (Node's rawHeaders), for a byte-for-byte forward. */
  rawHeaders: string[];
  body: Buffer;
  payload: Record<string, unknown>;
}

export interface Refusal {
  receivedAt: Date;
  status: number;
  /** One sentence; never holds what the sender put in Authorization. */
  reason: string;
}

export interface ReceiverOptions {
  host: string;
  port: number;
  /** Only this path is a webhook; null takes any path. */
  path: string | null;
  /** "user:password" the sender must give, or null for none. */
  basicAuth: string | null;
  onWebhook(webhook: ReceivedWebhook): void;
  onRefused(refusal: Refusal): void;
  /** How long a sender may take to send one whole request (headers and body); default 30 s. */
  requestTimeoutMs?: number;
}

export interface Receiver {
  url: string;
  close(): Promise<void>;
}

// MX's payloads are a few kilobytes; this only stops a runaway sender from filling memory.
const MAX_BODY_BYTES = 1024 * 1024;
// A webhook is a few kilobytes sent at once; a sender that stalls mid-request is cut off (Node answers 408) well
// before Node's own 5-minute default, so stalled connections cannot pile up while the listener runs for hours.
const REQUEST_TIMEOUT_MS = 30_000;

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const expected = options.basicAuth === null ? null : digest(options.basicAuth);
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const timeouts = { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) };
  const server = http.createServer(timeouts, (request, response) => {
    const receivedAt = new Date();
    const refuse = (status: number, reason: string, headers: http.OutgoingHttpHeaders = {}) => {
      request.resume();
      response.writeHead(status, { ...headers, connection: 'close' }).end();
      options.onRefused({ receivedAt, status, reason });
    };
    const target = request.url ?? '/';
    if (options.path !== null && target.split('?')[0] !== options.path) return refuse(404, `${request.method} ${clip(target)}: not the webhook path ${options.path}`);
    if (request.method !== 'POST') return refuse(405, `${request.method} ${clip(target)}: webhooks are POSTed`, { allow: 'POST' });
    if (expected !== null && !authorized(request.headers.authorization, expected)) {
      return refuse(401, 'a webhook without the right Basic auth was refused (401)', { 'www-authenticate': 'Basic realm="mx-iav listen"' });
    }
    readBody(request).then(
      (body) => {
        const payload = parseObject(body);
        if (payload === null) return refuse(400, `a body that is not a JSON object was refused (400, ${body.length} bytes)`);
        response.writeHead(204).end();
        options.onWebhook({ receivedAt, method: request.method ?? 'POST', target, rawHeaders: request.rawHeaders, body, payload });
      },
      () => refuse(413, `a body over ${MAX_BODY_BYTES} bytes was refused (413)`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}${options.path ?? '/'}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compared as digests of equal length, in constant time, so the answer's timing tells nothing of the password. */
function authorized(header: string | undefined, expected: Buffer): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const given = digest(match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '');
  return timingSafeEqual(given, expected) && match !== null;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        reject(new Error('too large'));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseObject(body: Buffer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);
