import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mediaTypeFor } from './media-type.js';

// A loopback HTTP server that answers from a script, for behaviours a real MX (or the sandbox) will not produce on
// demand: HTML bodies, truncated JSON, huge bodies, stalls, resets, 429 with Retry-After at an exact request.

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  /** Which TCP connection carried it (1-based), to check keep-alive. */
  connection: number;
}

export type Reply =
  /**
   * `body`: an object is sent as JSON, a string as is. Default status 200, and the media type of the API version
   * the request asked for (Accept-Version), as MX answers; `headers` may set another.
   */
  | { status?: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  /** Read the request, then drop the connection without answering (ECONNRESET at the client). */
  | { reset: true }
  /** Never answer (the client's timeout fires). */
  | { hang: true }
  /** Stream this many bytes of JSON-looking text; stops when the client hangs up. */
  | { hugeBodyBytes: number; declareLength?: boolean };

export type Responder = Reply | ((request: RecordedRequest) => Reply);

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Replies used in order, one per request; when empty, `fallback` answers. */
  enqueue(...replies: Responder[]): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startScriptedServer(fallback: Responder = { status: 500, body: { error: { message: 'Unscripted request.' } } }): Promise<ScriptedServer> {
  const queue: Responder[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const connectionIds = new WeakMap<Socket, number>();
  let connectionCount = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://scripted.invalid');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json: parseJson(body),
        connection: connectionIds.get(req.socket) ?? 0,
      };
      requests.push(recorded);
      const responder = queue.shift() ?? fallback;
      void answer(typeof responder === 'function' ? responder(recorded) : responder, res, mediaTypeFor(req.headers));
    });
  });
  server.on('connection', (socket) => {
    connectionCount += 1;
    connectionIds.set(socket, connectionCount);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    connections: () => connectionCount,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(reply: Reply, res: ServerResponse, mediaType: string): Promise<void> {
  if ('reset' in reply) return void res.socket?.destroy();
  if ('hang' in reply) return;
  if ('hugeBodyBytes' in reply) return streamHugeBody(reply.hugeBodyBytes, reply.declareLength ?? false, res, mediaType);
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  if (res.destroyed) return;
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const status = reply.status ?? 200;
  res.writeHead(status, { ...(status === 204 ? {} : { 'content-type': mediaType }), ...reply.headers });
  res.end(status === 204 ? undefined : text);
}

function streamHugeBody(total: number, declareLength: boolean, res: ServerResponse, mediaType: string): void {
  res.writeHead(200, { 'content-type': mediaType, ...(declareLength ? { 'content-length': String(total) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (sent = total));
  pump();
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
