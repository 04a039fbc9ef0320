import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onEvents, waitFor } from '../helpers/wait-for.js';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever shape the sandbox sent
  body: any;
  /** The status this request was answered with. */
  answered: number;
}

/** Status and headers for the n-th request (1-based); 204 by default, as MX expects. */
export type Responder = (n: number) => { status: number; headers?: Record<string, string>; delayMs?: number };

/** A real webhook receiver on loopback: it keeps every request, answers as told, and says 'request' for each. */
export class Receiver extends EventEmitter {
  readonly received: Received[] = [];
  private server: Server | null = null;
  port = 0;

  constructor(private responder: Responder = () => ({ status: 204 })) {
    super();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/mx`;
  }

  /** Only the requests it answered 2xx: what the receiver's application got. */
  get accepted(): Received[] {
    return this.received.filter((r) => r.answered >= 200 && r.answered < 300);
  }

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const { status, headers, delayMs = 0 } = this.responder(this.received.length + 1);
        this.received.push({ headers: req.headers, raw, body: JSON.parse(raw) as unknown, answered: status });
        this.emit('request');
        const answer = () => {
          if (res.destroyed) return;
          res.writeHead(status, headers ?? {});
          res.end();
        };
        // A slow receiver, as the test plays it (the sandbox's timeout is what is tested), not a wait for the sandbox.
        if (delayMs > 0) setTimeout(answer, delayMs);
        else answer();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Resolves once `ready()` holds, checked at once and on each request one of the receivers gets. */
export function until(ready: () => boolean, ...receivers: Receiver[]): Promise<true> {
  const changes = (changed: () => void) => {
    const stops = receivers.map((receiver) => onEvents(receiver, 'request')(changed));
    return () => stops.forEach((stop) => stop());
  };
  return waitFor(() => ready() || null, changes, { what: 'the webhooks the test expects' });
}
