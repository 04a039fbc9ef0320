import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { readSample } from './schemas/validate.js';
import { startListener } from './listen-process.js';

const root = tempDir('mx-iav-forward-');

interface Arrived {
  rawHeaders: string[];
  body: Buffer;
  target: string;
}

// The developer's own endpoint: keeps each request's raw header list and body bytes, answers 202.
const arrived: Arrived[] = [];
const app = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    arrived.push({ rawHeaders: req.rawHeaders, body: Buffer.concat(chunks), target: req.url ?? '' });
    res.writeHead(202).end();
  });
});
let appUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', () => resolve()));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hooks/mx?src=listen`;
});
afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));

/** Sends with an exact header list (case, order, a repeated name), as a raw request, and returns the status. */
function rawPost(url: string, headers: string[], body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    out.on('error', reject);
    out.end(body);
  });
}

const pairs = (raw: string[]) => raw.flatMap((value, i) => (i % 2 === 0 ? [[value, raw[i + 1]!]] : []));
const hopByHop = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding']);

describe('mx-iav listen --forward-to', () => {
  it('relays headers and body byte for byte to the target and shows its status', async () => {
    const listener = await startListener(['--forward-to', appUrl], { configDir: `${root}/relay` });
    // Odd spacing, a non-ASCII name and MX's header spellings: any re-encoding of the JSON would show.
    const body = Buffer.from(`{ "type":"CONNECTION_STATUS" ,"action":"CHANGED","connection_status":"DENIED","member_guid":"MBR-1","user_guid":"USR-1","note":"Zoë \\u00e9 😀" }\n`);
    const headers = [
      'Host', 'example.invalid',
      'Content-Type', 'application/json; charset=utf-8',
      'User-Agent', 'HTTPClient/1.0 (2.7.1, ruby 2.2.2 (2015-04-13))',
      'X-CALLBACK-PAYLOAD', 'eyJvcmRlciI6IDQyfQ==',
      'x-repeated', 'one',
      'X-Repeated', 'two',
      'Authorization', 'Basic bXg6cGFzcw==',
      'Content-Length', String(body.length),
    ];
    expect(await rawPost(listener.url, headers, body)).toBe(204);
    const [line] = await listener.lines(1);
    const result = await listener.stop();
    expect(result.exitCode, result.stderr).toBe(0);
    expect(line).toMatch(/CONNECTION_STATUS {2}CHANGED {2}USR-1 {2}MBR-1 {2}DENIED {2}-> forwarded: 202$/);
    expect(arrived).toHaveLength(1);
    const [got] = arrived;
    expect(got!.target).toBe('/hooks/mx?src=listen');
    expect(got!.body.equals(body)).toBe(true);
    const sent = pairs(headers).filter(([name]) => !hopByHop.has(name!.toLowerCase()));
    const relayed = pairs(got!.rawHeaders).filter(([name]) => !hopByHop.has(name!.toLowerCase()));
    expect(relayed).toEqual(sent);
    expect(pairs(got!.rawHeaders).find(([name]) => name === 'Host')?.[1]).toBe(new URL(appUrl).host);
  });

  it('--json carries the forward outcome; a target that refuses is shown and the sender still gets 204', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const listener = await startListener(['--json', '--forward-to', deadUrl], { configDir: `${root}/dead` });
    const body = Buffer.from(JSON.stringify(readSample('VERIFICATION')));
    expect(await rawPost(listener.url, ['Host', 'localhost', 'Content-Type', 'application/json', 'Content-Length', String(body.length)], body)).toBe(204);
    const [line] = await listener.lines(1);
    await listener.stop();
    expect(JSON.parse(line!).forward).toEqual({ url: deadUrl, status: null, error: 'connection refused' });
  });
});
