import { describe, expect, it } from 'vitest';
import { basic, MX_ACCEPT, mx, startSandbox, versionHeaders } from './helpers.js';

// Issue 10: the version is chosen per request by Accept-Version, as MX does since August 12, 2026.

const SENTENCE = 'Send the Accept-Version header: v20250224 or v20111101.';

describe('API version negotiation', async () => {
  const sandbox = await startSandbox();
  const auth = { authorization: basic(sandbox.clientId, sandbox.apiKey) };
  const get = (path: string, headers: Record<string, string>) => fetch(sandbox.url + path, { headers: { ...auth, ...headers } });

  it('answers 406 in MX envelope, naming the header and both values, to a request without Accept-Version', async () => {
    for (const accept of [MX_ACCEPT, 'application/json']) {
      const res = await get('/institutions/mxbank', { accept });
      expect(res.status).toBe(406);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ error: { message: `The request didn't specify a valid API version. ${SENTENCE}` } });
    }
    expect(sandbox.stats().users).toBe(0);
  });

  it('answers 406 to an unknown Accept-Version, quoting it', async () => {
    for (const value of ['v20260430', 'rc20260430', '20250224', '']) {
      const res = await get('/users', { accept: 'application/json', 'accept-version': value });
      expect(res.status).toBe(406);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(`Accept-Version ${JSON.stringify(value)} is not an API version this server serves. ${SENTENCE}`);
    }
  });

  it('refuses the version before anything else: no user is created and a wrong key is still 406', async () => {
    const post = await fetch(`${sandbox.url}/users`, { method: 'POST', headers: { ...auth, accept: MX_ACCEPT, 'content-type': 'application/json' }, body: '{"user":{"id":"x"}}' });
    expect(post.status).toBe(406);
    const wrongKey = await fetch(`${sandbox.url}/users`, { headers: { accept: MX_ACCEPT, authorization: basic(sandbox.clientId, 'nope') } });
    expect(wrongKey.status).toBe(406);
    expect(sandbox.stats().users).toBe(0);
  });

  it('serves v20250224 as application/json and v20111101 as MX vendor media type, each in its own shape', async () => {
    const v25 = await get('/institutions/mxbank', versionHeaders('v20250224'));
    expect(v25.status).toBe(200);
    expect(v25.headers.get('content-type')).toBe('application/json');
    const v25Body = (await v25.json()) as { institution: Record<string, unknown> };
    expect(v25Body.institution).toMatchObject({ code: 'mxbank', guid: expect.stringMatching(/^INS-/), is_hidden: false });
    expect(v25Body.institution.supported_products).toContain('account_verification');
    expect(Object.keys(v25Body.institution).filter((k) => k.startsWith('supports_')).sort()).toEqual(['supports_oauth', 'supports_tax_document']);

    const v11 = await get('/institutions/mxbank', versionHeaders('v20111101'));
    expect(v11.headers.get('content-type')).toBe(MX_ACCEPT);
    const v11Body = (await v11.json()) as { institution: Record<string, unknown> };
    expect(v11Body.institution).toMatchObject({ code: 'mxbank', supports_account_verification: true });
    expect(v11Body.institution).not.toHaveProperty('guid');
    expect(v11Body.institution).not.toHaveProperty('supported_products');
  });

  it('answers errors in the media type of the version asked for', async () => {
    const res = await get('/users/USR-nope', versionHeaders('v20250224'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    const old = await get('/users/USR-nope', versionHeaders('v20111101'));
    expect(old.headers.get('content-type')).toBe(MX_ACCEPT);
  });
});

describe('--legacy-accept', async () => {
  const sandbox = await startSandbox({ legacyAccept: true });
  const auth = { authorization: basic(sandbox.clientId, sandbox.apiKey) };

  it('serves a request with only the legacy Accept as v20111101, as MX did before August 12, 2026', async () => {
    expect(sandbox.legacyAccept).toBe(true);
    const res = await fetch(`${sandbox.url}/institutions/mxbank`, { headers: { ...auth, accept: MX_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MX_ACCEPT);
    expect(((await res.json()) as { institution: Record<string, unknown> }).institution).toHaveProperty('supports_account_verification', true);
  });

  it('still honours Accept-Version, and still refuses a request that names no version at all', async () => {
    const v25 = await mx(sandbox, 'v20250224').get('/institutions/mxbank');
    expect(v25.body.institution).toHaveProperty('supported_products');
    const plain = await fetch(`${sandbox.url}/institutions/mxbank`, { headers: { ...auth, accept: 'application/json' } });
    expect(plain.status).toBe(406);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toContain(SENTENCE);
    const unknown = await fetch(`${sandbox.url}/institutions/mxbank`, { headers: { ...auth, accept: MX_ACCEPT, 'accept-version': 'v2' } });
    expect(unknown.status).toBe(406);
  });
});
