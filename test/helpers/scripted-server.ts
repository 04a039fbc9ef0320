import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mediaTypeFor } from './media-type.js';

// A loopback HTTP server that answers from a script, for behaviours a real MX (or the sandbox) will not produce on
// demand: HTML bodies, truncated JSON, huge bodies, stalls, resets, 429 with Retry-After at an exact request. Strict:
// a request nothing was registered for, or a registered reply never used, fails the test at verify() or close().

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

/** A path without its query matches exactly; a RegExp is tested against the path (without the query). */
export type PathPattern = string | RegExp;

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /**
   * Answers the next requests for this method and path with these replies, each once, in order. A reply registered
   * and never used fails `verify()`.
   */
  expect(method: string, path: PathPattern, ...replies: Responder[]): void;
  /** Answers every request for this method and path, as often as it comes (or never). */
  always(method: string, path: PathPattern, reply: Responder): void;
  connections(): number;
  /** Throws, naming them, if a request matched no registered reply or an `expect`ed reply was never used. */
  verify(): void;
  /** Closes the server, then verifies. */
  close(): Promise<void>;
}

/**
 * The answer to a request nothing was registered for. mx-iav's client resends 5xx and 429 (so 599 would turn one
 * surprise into retries and look-ups), waits out some 409s, and gives 404 meaning after a resent delete; 421
 * Misdirected Request ("not this server") means nothing to it, so the surprise stays one request and one error.
 * The test then fails at verify() or close() whatever the code under test did with it. (Node's own fetch resends
 * a 421 once on a new connection; the client uses got, which does not.)
 */
export const UNMATCHED_STATUS = 421;

interface Stub {
  method: string;
  path: PathPattern;
  reply: Responder;
  once: boolean;
  used: boolean;
}

const describePattern = (path: PathPattern) => (typeof path === 'string' ? path : String(path));
const matches = (stub: Stub, request: RecordedRequest) =>
  stub.method === request.method && (typeof stub.path === 'string' ? stub.path === request.path : stub.path.test(request.path));

/** A strict loopback MX, as gh's httpmock registry: replies are registered by method and path, surprises fail the test. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const stubs: Stub[] = [];
  const failures: string[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const connectionIds = new WeakMap<Socket, number>();
  let connectionCount = 0;

  const replyFor = (recorded: RecordedRequest): Reply => {
    // Registration order decides: an `expect` registered after an `always` for the same route is never reached.
    const stub = stubs.find((candidate) => !(candidate.once && candidate.used) && matches(candidate, recorded));
    if (!stub) {
      failures.push(`no reply registered for ${recorded.method} ${recorded.url}`);
      return { status: UNMATCHED_STATUS, body: { error: { message: `The scripted server has no reply for ${recorded.method} ${recorded.path}.` } } };
    }
    stub.used = true;
    try {
      return typeof stub.reply === 'function' ? stub.reply(recorded) : stub.reply;
    } catch (error) {
      failures.push(`the reply for ${recorded.method} ${recorded.url} threw: ${String(error)}`);
      return { status: UNMATCHED_STATUS, body: { error: { message: 'The scripted reply threw.' } } };
    }
  };

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
      void answer(replyFor(recorded), res, mediaTypeFor(req.headers));
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

  const verify = () => {
    const unused = stubs.filter((stub) => stub.once && !stub.used).map((stub) => `an expected reply to ${stub.method} ${describePattern(stub.path)} was never used`);
    const problems = [...failures, ...unused];
    if (problems.length > 0) throw new Error(`The scripted server's script was not followed:\n- ${problems.join('\n- ')}`);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    expect: (method, path, ...replies) => {
      if (replies.length === 0) throw new Error(`expect(${method}, ${describePattern(path)}) needs at least one reply.`);
      for (const reply of replies) stubs.push({ method: method.toUpperCase(), path, reply, once: true, used: false });
    },
    always: (method, path, reply) => void stubs.push({ method: method.toUpperCase(), path, reply, once: false, used: false }),
    connections: () => connectionCount,
    verify,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      verify();
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
