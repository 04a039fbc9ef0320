import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { basic, MX_ACCEPT, mx, versionHeaders } from './helpers.js';

async function withSandbox<T>(options: Parameters<typeof createSandbox>[0], body: (s: Sandbox) => Promise<T>): Promise<T> {
  const sandbox = await createSandbox({ jobMs: 0, recordPath: '', ...options });
  try {
    return await body(sandbox);
  } finally {
    await sandbox.close();
  }
}

describe('fault knobs', () => {
  it('failRate 1 answers 500/503 in MX envelope, carrying out about half the requests first', () =>
    withSandbox({ failRate: 1, seed: 3 }, async (sandbox) => {
      const api = mx(sandbox);
      const statuses = new Set<number>();
      for (let i = 0; i < 20; i++) {
        const res = await api.post('/users', { user: { id: `f-${i}` } });
        statuses.add(res.status);
        expect(res.body).toEqual({ error: { message: expect.any(String) } });
      }
      expect([...statuses].sort()).toEqual([500, 503]);
      const stats = sandbox.stats();
      expect(stats.requests.faults.errors).toBe(20);
      expect(stats.users).toBeGreaterThan(2);
      expect(stats.users).toBeLessThan(18);
      // faults never touch the OAuth page or /__sandbox
      const admin = await fetch(`${sandbox.url}/__sandbox/stats`, { headers: { authorization: basic(sandbox.clientId, sandbox.apiKey) } });
      expect(admin.status).toBe(200);
      expect((await fetch(`${sandbox.url}/oauth/authorize?state=x`)).status).toBe(410);
    }));

  it('throttleRate 1 answers 429 with Retry-After and never processes', () =>
    withSandbox({ throttleRate: 1 }, async (sandbox) => {
      const api = mx(sandbox);
      for (let i = 0; i < 5; i++) {
        const res = await api.post('/users', { user: { id: 't' } });
        expect(res.status).toBe(429);
        expect(['0', '1']).toContain(res.headers.get('retry-after'));
        expect(res.body.error.message).toEqual(expect.any(String));
      }
      expect(sandbox.stats()).toMatchObject({ users: 0, requests: { total: 5, by_status: { 429: 5 }, faults: { throttled: 5 } } });
    }));

  it('resetRate 1 drops connections without an answer', () =>
    withSandbox({ resetRate: 1, seed: 11 }, async (sandbox) => {
      for (let i = 0; i < 6; i++) {
        await expect(fetch(`${sandbox.url}/institutions`, { headers: { authorization: basic(sandbox.clientId, sandbox.apiKey), accept: MX_ACCEPT } })).rejects.toThrow();
      }
      const stats = sandbox.stats();
      expect(stats.requests.faults.resets).toBeGreaterThanOrEqual(6);
      expect(stats.requests.by_status).toEqual({});
      expect(sandbox.requests().every((r) => r.status === null && r.fault === 'reset')).toBe(true);
    }));

  it('latencyMs delays answers', () =>
    withSandbox({ latencyMs: 120, seed: 1 }, async (sandbox) => {
      const api = mx(sandbox);
      const started = Date.now();
      for (let i = 0; i < 6; i++) expect((await api.get('/institutions/mxbank')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThan(120);
    }));
});

describe('recording', () => {
  const dir = tempDir('mx-iav-record-');

  it('appends one JSON line per exchange, without the Authorization header', async () => {
    const recordPath = join(dir, 'traffic.jsonl');
    await withSandbox({ recordPath, throttleRate: 0 }, async (sandbox) => {
      const api = mx(sandbox);
      const user = await api.post('/users', { user: { id: 'rec' } });
      await api.get('/institutions?name=mx&page=1');
      await api.del(`/users/${user.body.user.guid}`);
      await fetch(`${sandbox.url}/users`, { headers: versionHeaders('v20111101') });
      await fetch(`${sandbox.url}/__sandbox/stats`, { headers: { authorization: basic(sandbox.clientId, sandbox.apiKey) } });
    });
    const text = readFileSync(recordPath, 'utf8');
    expect(text).not.toMatch(/authorization|Basic /i);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(Object.keys(lines[0])).toEqual(['apiVersion', 'method', 'path', 'query', 'requestHeaders', 'status', 'requestContentType', 'requestBody', 'responseContentType', 'responseBody', 'fault']);
    expect(lines[0]).toMatchObject({ apiVersion: 'v20111101', method: 'POST', path: '/users', query: {}, status: 200, requestContentType: 'application/json', requestBody: { user: { id: 'rec' } }, responseContentType: MX_ACCEPT, fault: null });
    expect(lines[0].requestHeaders).toEqual({ accept: MX_ACCEPT, 'accept-version': 'v20111101', 'content-type': 'application/json' });
    expect(lines[1]).toMatchObject({ method: 'GET', path: '/institutions', query: { name: 'mx', page: '1' }, requestBody: null });
    expect(lines[2]).toMatchObject({ method: 'DELETE', status: 204, responseBody: null, responseContentType: null });
    expect(lines[3]).toMatchObject({ status: 401, responseBody: { error: { message: expect.any(String) } } });
  });

  it('marks injected faults and defaults to $MX_IAV_SANDBOX_RECORD', async () => {
    const recordPath = join(dir, 'env.jsonl');
    const previous = process.env.MX_IAV_SANDBOX_RECORD;
    process.env.MX_IAV_SANDBOX_RECORD = recordPath;
    try {
      const sandbox = await createSandbox({ throttleRate: 1, jobMs: 0 });
      await mx(sandbox).get('/institutions');
      await sandbox.close();
    } finally {
      // The suite runner records through this variable; put it back for the tests after this one.
      if (previous === undefined) delete process.env.MX_IAV_SANDBOX_RECORD;
      else process.env.MX_IAV_SANDBOX_RECORD = previous;
    }
    const [line] = readFileSync(recordPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(line).toMatchObject({ status: 429, fault: 'throttle' });
  });
});
