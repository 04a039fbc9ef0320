import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/webhooks/receiver.js';

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
