import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { mxApi, newUser, widgetUrl } from './sandbox-api.js';

let sandbox: Sandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

describe('sandbox widget links', () => {
  it('serves the page once under a strict CSP, then answers 410 saying the link was used', async () => {
    sandbox = await createSandbox({ port: 0, jobMs: 0 });
    const api = mxApi(sandbox);
    const url = await widgetUrl(api, await newUser(api));
    expect(url.startsWith(`${sandbox.url}/widget/connect/`)).toBe(true);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    const html = await first.text();
    expect(html).not.toContain(sandbox.apiKey);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    const second = await fetch(url);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('This link was already used.');
  });

  it('refuses a link older than its lifetime with 410, and an unknown one with 404', async () => {
    sandbox = await createSandbox({ port: 0, jobMs: 0, widgetUrlTtlMs: 0 });
    const api = mxApi(sandbox);
    const url = await widgetUrl(api, await newUser(api));
    const expired = await fetch(url);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired.');
    expect((await fetch(`${sandbox.url}/widget/connect/not-a-token`)).status).toBe(404);
  });

  it('still refuses a spent link with 410 a while later, and forgets it (404) once a day has passed and a new link is made', async () => {
    sandbox = await createSandbox({ port: 0, jobMs: 0 });
    const api = mxApi(sandbox);
    const user = await newUser(api);
    const used = await widgetUrl(api, user);
    expect((await fetch(used)).status).toBe(200);
    const advance = (by: string) => api('POST', '/_sandbox/clock/advance', { by });
    await advance('12h');
    await widgetUrl(api, user);
    expect((await fetch(used)).status).toBe(410);
    await advance('13h');
    const fresh = await widgetUrl(api, user);
    expect((await fetch(used)).status).toBe(404);
    expect((await fetch(fresh)).status).toBe(200);
  });

  it('mints links that differ and each open once', async () => {
    sandbox = await createSandbox({ port: 0, jobMs: 0 });
    const api = mxApi(sandbox);
    const user = await newUser(api);
    const [a, b] = [await widgetUrl(api, user), await widgetUrl(api, user)];
    expect(a).not.toBe(b);
    expect((await fetch(b)).status).toBe(200);
    expect((await fetch(a)).status).toBe(200);
  });

  it('answers a page call with an unknown session 404 in JSON, without the API key', async () => {
    sandbox = await createSandbox({ port: 0, jobMs: 0 });
    const answer = await fetch(`${sandbox.url}/widget/session/nobody/start`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: { message: 'This page is no longer open. Ask for a new link.' } });
  });
});
