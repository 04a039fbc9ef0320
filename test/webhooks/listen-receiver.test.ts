import { EventEmitter } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { forwardWebhook } from '../../src/mx/forward.js';
import { startReceiver } from '../../src/webhooks/receiver.js';
import { onEvents, waitFor } from '../helpers/wait-for.js';

describe('the listener’s receiver', () => {
  it('cuts off a sender that opens a request and never finishes it (408, connection closed)', async () => {
    const receiver = await startReceiver({
      host: '127.0.0.1', port: 0, path: null, basicAuth: null, requestTimeoutMs: 300, onWebhook: () => {}, onRefused: () => {},
    });
    try {
      const { port } = new URL(receiver.url);
      const socket = net.connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
      const started = Date.now();
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
      const at = await closed;
      expect(at - started).toBeLessThan(5000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await receiver.close();
    }
  });
});

describe('the receiver and the forward, at their bounds', () => {
  it('a body over 1 MiB is answered 413 and refused once, never taken as a webhook', async () => {
    const refused: string[] = [];
    const taken: unknown[] = [];
    const told = new EventEmitter();
    const receiver = await startReceiver({
      host: '127.0.0.1', port: 0, path: null, basicAuth: null, onWebhook: (w) => taken.push(w), onRefused: (r) => (refused.push(r.reason), told.emit('refused')),
    });
    let closed = false;
    try {
      const status = await fetch(receiver.url, { method: 'POST', body: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}` }).then((r) => r.status, () => 'reset');
      // The answer may come before the sender has finished writing, which then sees the connection closed.
      expect([413, 'reset']).toContain(status);
      await waitFor(() => refused.length > 0, onEvents(told, 'refused'));
      // Closed, it can tell nothing more: what it said by then is all it will say.
      await receiver.close();
      closed = true;
      expect(refused).toEqual(['a body over 1048576 bytes was refused (413)']);
      expect(taken).toEqual([]);
    } finally {
      if (!closed) await receiver.close();
    }
  });

  it('a --forward-to target that never answers ends in "no answer within …", not a hang', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const result = await forwardWebhook(new URL(`http://127.0.0.1:${port}/hook`), { method: 'POST', rawHeaders: [], body: Buffer.from('{}') }, 200);
      expect(result).toEqual({ status: null, error: 'no answer within 0.2 s' });
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
