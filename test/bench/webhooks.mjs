// Webhook delivery from the sandbox (issue 17): how long after a member's status changes the receiver has the
// webhook, beside the floor of one plain loopback POST of the same body; and a burst of 1,000 webhooks to a slow
// receiver, with none lost, none doubled, each member's in order, and the sandbox's peak memory meanwhile.
import { createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { runCliVerify } from './flow.mjs';
import { summary } from './measure.mjs';
import { startSandbox } from './sandbox.mjs';

/** A loopback receiver answering 204 after `delayMs`; `onBody(body, at)` sees each webhook as it arrives. */
async function startReceiver(delayMs, onBody) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      onBody(JSON.parse(Buffer.concat(chunks).toString('utf8')), performance.now());
      setTimeout(() => res.writeHead(204).end(), delayMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    });
  return { url: `http://127.0.0.1:${server.address().port}/mx`, close };
}

function adminCall(sandbox, method, path, body) {
  const authorization = `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.apiKey}`).toString('base64')}`;
  return fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (res) => {
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  });
}

/** Members made by real verifications, their guids read from the webhooks the receiver got. */
async function verifiedMembers(sandbox, workDir, count) {
  const { events } = await adminCall(sandbox, 'GET', '/_sandbox/webhooks/events');
  const before = new Set(events.map((e) => e.member_guid));
  for (let i = 0; i < count; i += 1) await runCliVerify(workDir, sandbox.env());
  const after = (await adminCall(sandbox, 'GET', '/_sandbox/webhooks/events')).events.map((e) => e.member_guid);
  return [...new Set(after.filter((guid) => guid && !before.has(guid)))];
}

/** The floor: one POST of the body on a new loopback connection, from sending to the receiver having it. */
async function floorPost(url, body, arrived) {
  const answered = new Promise((resolve, reject) => {
    const out = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json; charset=utf-8' } }, (res) => res.resume().on('end', resolve));
    out.on('error', reject);
    out.end(JSON.stringify(body));
  });
  const sent = performance.now();
  const at = await arrived();
  await answered;
  return at - sent;
}

export async function benchDeliveryLatency(hostFile, workDir, rounds) {
  const sandbox = await startSandbox(hostFile, 0);
  let waiting = null;
  const receiver = await startReceiver(0, (body, at) => {
    if (!waiting?.match(body)) return;
    waiting.resolve(at);
    waiting = null;
  });
  const arrival = (match) => new Promise((resolve) => (waiting = { match, resolve }));
  try {
    await adminCall(sandbox, 'POST', '/_sandbox/webhooks/endpoints', { url: receiver.url, type: 'CONNECTION_STATUS', bearer_token: null });
    const [member] = await verifiedMembers(sandbox, workDir, 1);
    const delays = [];
    const floors = [];
    for (let i = 0; i < rounds; i += 1) {
      // Alternate, so every force is a change the sandbox announces (both statuses are on MX's list).
      const status = i % 2 === 0 ? 'DENIED' : 'LOCKED';
      const arrived = arrival((body) => body.member_guid === member && body.connection_status === status);
      const started = performance.now();
      await adminCall(sandbox, 'POST', `/_sandbox/members/${member}/status`, { connection_status: status });
      delays.push((await arrived) - started);
      const body = { type: 'CONNECTION_STATUS', member_guid: 'floor', connection_status: status };
      floors.push(await floorPost(receiver.url, body, () => arrival((b) => b.member_guid === 'floor')));
    }
    return { delivery: { ...summary(delays), p95: percentile(delays, 0.95) }, floor: { ...summary(floors), p95: percentile(floors, 0.95) } };
  } finally {
    await receiver.close();
    await sandbox.close();
  }
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * `total` MEMBER webhooks fired across `members` members to a receiver that takes `delayMs` to answer each. Fired
 * payloads of one member are alike, so "none lost, none doubled" is read from both ends: the receiver's count, and
 * the delivery log holding each fired event as delivered after exactly one attempt.
 */
export async function benchBurst(hostFile, workDir, { total, members: memberCount, delayMs }) {
  const sandbox = await startSandbox(hostFile, 0);
  let received = 0;
  const receiver = await startReceiver(delayMs, (body) => {
    if (body.type === 'MEMBER' && body.action === 'updated') received += 1;
  });
  try {
    const members = await verifiedMembers(sandbox, workDir, memberCount);
    const idleRssKb = (await sandbox.report()).maxRssKb;
    await adminCall(sandbox, 'POST', '/_sandbox/webhooks/endpoints', { url: receiver.url, type: 'MEMBER', bearer_token: null });
    const started = performance.now();
    const ids = [];
    for (let n = 0; n < total; n += 1) {
      const { event } = await adminCall(sandbox, 'POST', `/_sandbox/members/${members[n % members.length]}/webhooks`, { type: 'MEMBER', action: 'updated' });
      ids.push(event.id);
    }
    const firedMs = performance.now() - started;
    // Drained when the log has every fired event settled; the bound only ends a stuck run with its figures.
    let log = new Map();
    const settled = () => ids.every((id) => log.get(id)?.state === 'delivered' || log.get(id)?.state === 'failed');
    const end = Date.now() + 300_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      log = new Map((await adminCall(sandbox, 'GET', '/_sandbox/webhooks/events')).events.map((e) => [e.id, e]));
    } while (!settled() && Date.now() < end);
    const drainedMs = performance.now() - started;
    const { maxRssKb } = await sandbox.report();
    const deliveredOnce = ids.filter((id) => log.get(id)?.state === 'delivered' && log.get(id).attempts.length === 1).length;
    return { total, received, deliveredOnce, members: members.length, delayMs, firedMs, drainedMs, idleRssKb, maxRssKb };
  } finally {
    await receiver.close();
    await sandbox.close();
  }
}
