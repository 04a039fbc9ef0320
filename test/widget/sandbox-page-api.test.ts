import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { mxApi, type MxApi, newUser, widgetUrl } from './sandbox-api.js';

// The page's own JSON calls, by raw HTTP as a curious browser would make them: what an opened page may touch.

let sandbox: Sandbox;
let api: MxApi;
beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0 });
  api = mxApi(sandbox);
});
afterAll(() => sandbox.close());

/** Opens a widget URL and returns a caller for its page's session. */
async function openPage(url: string) {
  const html = await (await fetch(url)).text();
  const session = /data-session="([^"]+)"/.exec(html)?.[1] ?? '';
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/widget/session/${session}/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { [key: string]: unknown; error?: { message: string } } };
  };
}

describe('the widget page calls', () => {
  it('in verification mode offer and open only institutions with account verification', async () => {
    const page = await openPage(await widgetUrl(api, await newUser(api)));
    const found = (await page('GET', 'institutions?name=harbor')).body.institutions as { code: string }[];
    expect(found.map((i) => i.code)).toEqual(['harbor_light_credit_union', 'oak_harbor_credit_union']);
    expect((await page('GET', 'institutions/harborview_brokerage')).status).toBe(404);
    expect((await page('GET', 'institutions/old_mill_savings')).status).toBe(404);
    expect((await page('GET', 'institutions/mxbank')).body.institution).toMatchObject({
      credentials: [{ label: 'Username', secret: false }, { label: 'Password', secret: true }],
    });
  });

  it("touch no member the page did not create or was not opened on, even the same user's", async () => {
    const user = await newUser(api);
    const fields = (await api('GET', '/institutions/mxbank/credentials')).body.credentials as { guid: string; field_name: string }[];
    const credentials = fields.map((f) => ({ guid: f.guid, value: f.field_name === 'LOGIN' ? 'mxuser' : 'challenge' }));
    const other = (await api('POST', `/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } })).body.member.guid as string;
    const page = await openPage(await widgetUrl(api, user));
    expect((await page('GET', `members/${other}`)).status).toBe(404);
    expect((await page('POST', `members/${other}/answers`, { challenges: [] })).status).toBe(404);
  });

  it('refuse what the API refuses, with its message: a duplicate member is a 409', async () => {
    const user = await newUser(api);
    const page = await openPage(await widgetUrl(api, user));
    const fields = (await page('GET', 'institutions/mxbank')).body.institution as { credentials: { guid: string; label: string }[] };
    const credentials = fields.credentials.map((c) => ({ guid: c.guid, value: c.label === 'Username' ? 'mxuser' : 'correct' }));
    expect((await page('POST', 'members', { institution_code: 'mxbank', credentials })).status).toBe(200);
    const again = await page('POST', 'members', { institution_code: 'mxbank', credentials });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toBe('A member with these credentials already exists for this user and institution.');
    const blank = await page('POST', 'members', { institution_code: 'mxbank', credentials: credentials.map((c) => ({ ...c, value: ' ' })) });
    expect(blank).toMatchObject({ status: 400, body: { error: { message: 'Credential Username must not be blank.' } } });
  });
});
