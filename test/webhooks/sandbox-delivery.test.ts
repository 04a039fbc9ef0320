import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { createMxBankMember, createUser, mx } from '../sandbox/helpers.js';
import { admin, loggedWhen } from './sandbox-admin.js';
import { Receiver, until } from './sandbox-receiver.js';

// Delivery as MX promises it (mx-verification-extras.md §3.1), against a real receiver on loopback. The sandbox's
// clock is frozen (injected), so only an advance makes a retry due: nothing here waits for time to pass.
const T0 = Date.parse('2026-03-02T10:00:00Z');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

async function listening(receiver: Receiver): Promise<Receiver> {
  await receiver.start();
  cleanup.push(() => receiver.stop());
  return receiver;
}

async function start(options: SandboxOptions): Promise<Sandbox> {
  const sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '', now: () => T0, ...options });
  cleanup.push(() => sandbox.close());
  return sandbox;
}

const events = async (sandbox: Sandbox) => (await admin(sandbox, 'GET', '/_sandbox/webhooks/events')).body.events;

/** Waits until the event log satisfies `ready`, asked again each time the sandbox logs an attempt. */
const eventually = (sandbox: Sandbox, ready: (all: { state: string; attempts: unknown[] }[]) => boolean) => loggedWhen(sandbox, ready);
/** The first event's n-th answer is logged, so its retry is scheduled and an advance finds it due. */
const tried = (sandbox: Sandbox, n: number) => eventually(sandbox, (all) => (all[0]?.attempts.length ?? 0) >= n);

describe('sandbox webhook delivery', () => {
  it('a receiver failing the first 3 attempts gets the event on the 4th, after the clock is advanced between', async () => {
    const receiver = await listening(new Receiver((n) => ({ status: n <= 3 ? 500 : 204 })));
    const sandbox = await start({ webhookUrls: [receiver.url] });
    const user = await createUser(mx(sandbox));
    await createMxBankMember(mx(sandbox), user, 'mxuser', 'password');
    await tried(sandbox, 1);
    // Nothing more arrives on its own: the first retry is due a minute later in sandbox time.
    expect(receiver.received.length).toBe(1);
    for (const [n, by] of [[2, '1m'], [3, '2m'], [4, '4m']] as const) {
      await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by });
      await tried(sandbox, n);
    }
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 500, 204]);
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1);
    const [event] = await events(sandbox);
    expect(event).toMatchObject({ type: 'MEMBER', action: 'created', state: 'delivered' });
    expect(event.attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 500, 204]);
  });

  it('gives up after the initial attempt and 12 retries, and resend sends it again', async () => {
    const receiver = await listening(new Receiver(() => ({ status: 503 })));
    const sandbox = await start({ webhookUrls: [receiver.url] });
    await createMxBankMember(mx(sandbox), await createUser(mx(sandbox)), 'mxuser', 'password');
    await tried(sandbox, 1);
    for (let n = 2; n <= 13; n += 1) {
      await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by: '8h' });
      await tried(sandbox, n);
    }
    // Past the last retry: one more advance sends nothing.
    await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by: '8h' });
    const [event] = await events(sandbox);
    expect(receiver.received.length).toBe(13);
    expect(event.state).toBe('failed');
    const resent = await admin(sandbox, 'POST', `/_sandbox/webhooks/events/${event.id}/resend`);
    expect(resent.body.event.state).toBe('pending');
    await until(() => receiver.received.length === 14, receiver);
    expect(receiver.received.length).toBe(14);
    expect((await admin(sandbox, 'POST', '/_sandbox/webhooks/events/WHK-nope/resend')).status).toBe(404);
  });

  it('429 re-queues without using up a retry', async () => {
    const receiver = await listening(new Receiver((n) => (n <= 14 ? { status: 429, headers: { 'retry-after': '30' } } : { status: 204 })));
    const sandbox = await start({ webhookUrls: [receiver.url] });
    await createMxBankMember(mx(sandbox), await createUser(mx(sandbox)), 'mxuser', 'password');
    for (let n = 1; n <= 15; n += 1) {
      await tried(sandbox, n);
      if (n < 15) await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by: '30s' });
    }
    // 14 throttled answers are more than the 13 attempts a failing receiver gets, and the event still arrives.
    expect(receiver.received.map((r) => r.answered)).toEqual([...Array<number>(14).fill(429), 204]);
    expect((await events(sandbox))[0].state).toBe('delivered');
  });

  it('a receiver down for a while, then up, gets everything once the clock is advanced, in order per member', async () => {
    const receiver = new Receiver();
    await receiver.start();
    const port = receiver.port;
    await receiver.stop();
    const sandbox = await start({ webhookUrls: [`http://127.0.0.1:${port}/mx`] });
    const api = mx(sandbox);
    const user = await createUser(api);
    const members = [await createMxBankMember(api, user, 'mxuser', 'password'), await createMxBankMember(api, user, 'mxuser', 'other')];
    for (const member of members) {
      for (const connection_status of ['LOCKED', 'DENIED']) await admin(sandbox, 'POST', `/_sandbox/members/${member}/status`, { connection_status });
    }
    // Each member's first event is tried (the receiver is down), its next ones wait behind it.
    await eventually(sandbox, (all) => all.length === 6 && all.filter((e) => e.attempts.length > 0).length === 2);
    const waiting = await events(sandbox);
    expect(waiting.length).toBe(6);
    expect(waiting.every((e: { state: string }) => e.state === 'pending')).toBe(true);
    await receiver.start(port);
    cleanup.push(() => receiver.stop());
    await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by: '1m' });
    await until(() => receiver.received.length === 6, receiver);
    for (const member of members) {
      const got = receiver.received.filter((r) => r.body.member_guid === member || r.body.guid === member);
      expect(got.map((r) => r.body.type + ':' + (r.body.type === 'MEMBER' ? r.body.action : r.body.connection_status))).toEqual(['MEMBER:created', 'CONNECTION_STATUS:LOCKED', 'CONNECTION_STATUS:DENIED']);
    }
    expect((await events(sandbox)).every((e: { state: string }) => e.state === 'delivered')).toBe(true);
  });

  it('an attempt with no answer within the timeout is retried, and the next attempt delivers it', async () => {
    const receiver = await listening(new Receiver((n) => ({ status: 204, delayMs: n === 1 ? 2000 : 0 })));
    const sandbox = await start({ webhookUrls: [receiver.url], webhookTimeoutMs: 100 });
    await createMxBankMember(mx(sandbox), await createUser(mx(sandbox)), 'mxuser', 'password');
    const [first] = await eventually(sandbox, (all) => (all[0]?.attempts.length ?? 0) > 0);
    expect(first!.attempts).toEqual([{ at: expect.any(String), status: null, error: expect.stringContaining('no answer within 100 ms') }]);
    await admin(sandbox, 'POST', '/_sandbox/clock/advance', { by: '1m' });
    await until(() => receiver.received.length === 2, receiver);
    expect((await events(sandbox))[0]).toMatchObject({ state: 'delivered', attempts: [{ status: null }, { status: 204 }] });
  });

  it('the timeout bounds the whole answer: a receiver that trickles its body forever fails the attempt', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200);
      // A receiver that trickles forever, as the test plays it; the sandbox's timeout is what is tested.
      const drip = setInterval(() => res.write('.'), 10);
      res.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    cleanup.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const sandbox = await start({ webhookUrls: [`http://127.0.0.1:${(server.address() as AddressInfo).port}/mx`], webhookTimeoutMs: 150 });
    await createMxBankMember(mx(sandbox), await createUser(mx(sandbox)), 'mxuser', 'password');
    await eventually(sandbox, (all) => (all[0]?.attempts.length ?? 0) > 0);
    expect((await events(sandbox))[0]).toMatchObject({ state: 'pending', attempts: [{ status: null, error: 'the answer did not finish within 150 ms' }] });
  });

  it('a receiver answering 2xx with a huge body is not read to its end: the status counts, the rest is dropped', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pour = (): void => void (res.write(chunk) ? setImmediate(pour) : res.once('drain', pour));
      res.on('close', () => res.removeAllListeners('drain'));
      pour();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    cleanup.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const sandbox = await start({ webhookUrls: [`http://127.0.0.1:${(server.address() as AddressInfo).port}/mx`], webhookTimeoutMs: 60_000 });
    await createMxBankMember(mx(sandbox), await createUser(mx(sandbox)), 'mxuser', 'password');
    await eventually(sandbox, (all) => all[0]?.state === 'delivered');
    expect((await events(sandbox))[0].attempts).toEqual([{ at: expect.any(String), status: 200, error: null }]);
  });

  it('the queue and the log are bounded: past the limit the oldest waiting event is dropped and said so', async () => {
    const sandbox = await start({ webhookUrls: ['http://127.0.0.1:9/never'], webhookQueueLimit: 5, webhookLogLimit: 3 });
    const api = mx(sandbox);
    const member = await createMxBankMember(api, await createUser(api), 'mxuser', 'password');
    for (let i = 0; i < 20; i += 1) await admin(sandbox, 'POST', `/_sandbox/members/${member}/webhooks`, { type: 'CONNECTION_STATUS' });
    const all = await events(sandbox);
    expect(all.filter((e: { state: string }) => e.state === 'pending').length).toBeLessThanOrEqual(5);
    expect(all.length).toBeLessThanOrEqual(5 + 3);
    const dropped = all.filter((e: { state: string }) => e.state === 'failed');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0].attempts.at(-1).error).toBe('dropped: more than 5 events were waiting');
  });
});
