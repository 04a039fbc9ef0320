import { describe, expect, it } from 'vitest';
import type { SandboxStats } from '../../src/sandbox/index.js';
import { basic, MX_ACCEPT, mx, startSandbox, versionHeaders } from './helpers.js';

describe('transport rules', async () => {
  const sandbox = await startSandbox();
  const api = mx(sandbox);

  it('uses the documented default credentials on loopback', () => {
    expect(sandbox.clientId).toBe('mx-iav-sandbox');
    expect(sandbox.apiKey).toBe('sandbox-not-a-secret');
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 without or with wrong Basic credentials, in MX envelope', async () => {
    const none = await fetch(`${sandbox.url}/users`, { headers: versionHeaders('v20111101') });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe(MX_ACCEPT);
    expect(await none.json()).toEqual({ error: { message: expect.any(String) } });
    const wrong = await fetch(`${sandbox.url}/users`, { headers: { ...versionHeaders('v20111101'), authorization: basic(sandbox.clientId, 'nope') } });
    expect(wrong.status).toBe(401);
  });

  it('serves MX responses as application/vnd.mx.api.v1+json', async () => {
    const res = await api.get('/institutions/mxbank');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MX_ACCEPT);
  });

  it('answers 404 for unknown paths and 405 for a wrong method on a known path', async () => {
    expect((await api.get('/nope')).status).toBe(404);
    expect((await api.get('/users/USR-x/members/MBR-y/nothing')).body.error.message).toEqual(expect.any(String));
    const wrong = await api.call('PATCH', '/users');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, GET');
    expect((await api.call('DELETE', '/institutions')).status).toBe(405);
  });

  it('answers 400 to malformed JSON and 413 to bodies over 1 MB', async () => {
    const bad = await api.call('POST', '/users', '{"user": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('JSON');
    const big = await api.call('POST', '/users', JSON.stringify({ user: { metadata: 'x'.repeat(1024 * 1024 + 10) } }));
    expect(big.status).toBe(413);
    expect(sandbox.stats().users).toBe(0);
  });

  it('serves stats with Basic auth and any Accept, without counting itself', async () => {
    const before = sandbox.stats().requests.total;
    const res = await fetch(`${sandbox.url}/__sandbox/stats`, { headers: { authorization: basic(sandbox.clientId, sandbox.apiKey) } });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as SandboxStats;
    expect(stats).toMatchObject({ users: 0, members: 0, duplicate_user_ids: 0, duplicate_member_ids: 0, jobs: 0 });
    expect(stats.requests.total).toBe(before);
    expect(stats.requests.by_status['401']).toBe(2);
    expect(stats.requests.faults).toEqual({ errors: 0, throttled: 0, resets: 0 });
    expect((await fetch(`${sandbox.url}/__sandbox/stats`)).status).toBe(401);
  });

  it('keeps an in-process request log', () => {
    const log = sandbox.requests();
    expect(log.length).toBe(sandbox.stats().requests.total);
    expect(log[0]).toMatchObject({ method: 'GET', path: '/users', status: 401, fault: null });
    expect(log[0]?.at).toBeGreaterThan(Date.now() - 60_000);
  });
});
