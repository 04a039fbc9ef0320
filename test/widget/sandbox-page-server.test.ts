import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { mxApi, newUser, widgetUrl } from './sandbox-api.js';

// The page's JSON calls as a server: what a bad body, a second sandbox on the same state file, or a token spelled
// like an Object.prototype key get.

const statePath = join(tempDir(), 'sandbox', 'state.json');
const first = await createSandbox({ port: 0, jobMs: 0, statePath });
const second = await createSandbox({ port: 0, jobMs: 0, statePath });
const [one, two] = [mxApi(first), mxApi(second)];
afterAll(async () => {
  await first.close();
  await second.close();
});

async function sessionOf(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  return /data-session="([^"]+)"/.exec(html)?.[1] ?? '';
}

const post = (session: string, body: string) =>
  fetch(`${first.url}/widget/session/${session}/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('the widget page calls', () => {
  it('answer a body that is not JSON with 400, and one past 64 KB with 413, each in one sentence', async () => {
    const session = await sessionOf(await widgetUrl(one, await newUser(one)));
    const malformed = await post(session, '{"institution_code":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: { message: 'The request body is not valid JSON.' } });
    const huge = await post(session, JSON.stringify({ institution_code: 'mxbank', pad: 'x'.repeat(70 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: { message: 'The request body is larger than 64 KB.' } });
  });

  it('take up what another sandbox on the same state file saved, and do not write over it', async () => {
    const session = await sessionOf(await widgetUrl(one, await newUser(one)));
    const other = await newUser(two);
    const fields = (await (await fetch(`${first.url}/widget/session/${session}/institutions/mxbank`)).json()) as { institution: { credentials: { guid: string; label: string }[] } };
    const credentials = fields.institution.credentials.map((c) => ({ guid: c.guid, value: c.label === 'Username' ? 'mxuser' : 'correct' }));
    expect((await post(session, JSON.stringify({ institution_code: 'mxbank', credentials }))).status).toBe(200);
    expect((await two('GET', `/users/${other}`)).status).toBe(200);
  });

  it('find no link or page at __proto__ or constructor', async () => {
    for (const token of ['__proto__', 'constructor', 'toString']) {
      expect((await fetch(`${first.url}/widget/connect/${token}`)).status).toBe(404);
      expect((await fetch(`${first.url}/widget/session/${token}/start`)).status).toBe(404);
    }
  });
});
