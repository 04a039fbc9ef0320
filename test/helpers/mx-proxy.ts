import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mediaTypeFor } from './media-type.js';

// A loopback proxy in front of a real sandbox that passes every exchange through except the ones a rule picks:
// those it can rewrite (hostile bodies at one exact point of a real flow), replace, or hold until the test lets them
// go (to interrupt the CLI while a given request is in flight).

export interface ProxiedRequest {
  method: string;
  /** Path without the query string, e.g. /users/USR-1/members. */
  path: string;
  body: string;
}

export type Action =
  /** Pass upstream's answer on after changing its parsed JSON body (return the new body). */
  | { rewrite: (body: any) => unknown } // eslint-disable-line @typescript-eslint/no-explicit-any -- hostile bodies of any shape
  /** Answer this instead of asking upstream. A string body is sent as is. */
  | { status?: number; body?: unknown; headers?: Record<string, string> }
  /** Stream this many bytes of JSON-looking text. */
  | { hugeBodyBytes: number }
  /** Never answer. */
  | { hang: true }
  /** Drop the connection without answering. */
  | { reset: true }
  /**
   * Forward once `release()` of the returned hold is called; `arrived` resolves when the request comes in,
   * `answered` once upstream has answered it (what it asked is done there, whoever is left to hear it).
   */
  | { hold: Hold };

export interface Rule {
  method?: string;
  path: RegExp;
  /** How many matching requests the rule applies to (default: all). */
  times?: number;
  action: Action;
}

export interface Hold {
  arrived: Promise<void>;
  answered: Promise<void>;
  release(): void;
}

export function createHold(): Hold & { onArrive(): Promise<void>; onAnswer(): void } {
  let arrive!: () => void;
  let release!: () => void;
  let answer!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const answered = new Promise<void>((resolve) => (answer = resolve));
  return { arrived, answered, release, onArrive: () => (arrive(), released), onAnswer: answer };
}

export interface MxProxy {
  url: string;
  close(): Promise<void>;
}

export async function startMxProxy(upstream: string, rules: Rule[]): Promise<MxProxy> {
  const remaining = rules.map((rule) => rule.times ?? Infinity);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://proxy.invalid').pathname;
      const index = rules.findIndex((rule, i) => remaining[i]! > 0 && (!rule.method || rule.method === req.method) && rule.path.test(path));
      if (index >= 0) remaining[index]! -= 1;
      void handle(rules[index]?.action, { req, res, body, upstream }).catch(() => res.destroy());
    });
  });
  server.on('connection', (socket) => (sockets.add(socket), socket.on('close', () => sockets.delete(socket))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
  upstream: string;
}

async function handle(action: Action | undefined, x: Exchange): Promise<void> {
  if (action === undefined) return forward(x);
  if ('hang' in action) return;
  if ('reset' in action) return void x.res.socket?.destroy();
  if ('hold' in action) {
    const hold = action.hold as ReturnType<typeof createHold>;
    await hold.onArrive();
    return forward(x, () => hold.onAnswer());
  }
  if ('hugeBodyBytes' in action) return streamHuge(action.hugeBodyBytes, x);
  if ('rewrite' in action) {
    const answer = await ask(x);
    const changed = JSON.stringify(action.rewrite(JSON.parse(answer.body.toString('utf8') || 'null')));
    return send(x, answer.status, changed);
  }
  const text = action.body === undefined ? '' : typeof action.body === 'string' ? action.body : JSON.stringify(action.body);
  send(x, action.status ?? 200, text, action.headers);
}

async function forward(x: Exchange, answered = (): void => {}): Promise<void> {
  const answer = await ask(x);
  answered();
  x.res.writeHead(answer.status, answer.headers);
  x.res.end(answer.body);
}

/** An answer made here carries the media type of the API version the request asked for, as MX's would. */
function send({ req, res }: Exchange, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': mediaTypeFor(req.headers), ...headers });
  res.end(text);
}

function ask(x: Exchange): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
  const target = new URL(x.req.url ?? '/', x.upstream);
  return new Promise((resolve, reject) => {
    const out = httpRequest(target, { method: x.req.method, headers: { ...x.req.headers, host: target.host }, agent: false }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const headers = { ...answer.headers } as Record<string, string | string[]>;
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        delete headers.connection;
        resolve({ status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
      });
      answer.on('error', reject);
    });
    out.on('error', reject);
    out.end(x.body);
  });
}

function streamHuge(total: number, { req, res }: Exchange): void {
  res.writeHead(200, { 'content-type': mediaTypeFor(req.headers) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  res.on('close', () => (sent = total));
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
