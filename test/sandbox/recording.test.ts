import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { basic, LOGIN, MX_ACCEPT, mx, PASSWORD, settle } from './helpers.js';

// MX_IAV_SANDBOX_RECORD: each exchange names the version it was served as and the headers that chose it; the file
// is the user's alone and holds no bank secret and no whole account number.

const SECRET_PASSWORD = 'Pw-recording-canary-7731';

describe('recordings', () => {
  const dir = tempDir('mx-iav-recording-');

  it('carry apiVersion and requestHeaders (never Authorization), 406 refusals with apiVersion null', async () => {
    const recordPath = join(dir, 'versions.jsonl');
    const sandbox = await createSandbox({ jobMs: 0, recordPath });
    const auth = { authorization: basic(sandbox.clientId, sandbox.apiKey) };
    await mx(sandbox, 'v20250224').get('/institutions?supported_products=account_verification&supported_products=transactions');
    await mx(sandbox, 'v20111101').post('/users', { user: { id: 'rec' } });
    await fetch(`${sandbox.url}/users`, { headers: { ...auth, accept: MX_ACCEPT } });
    await sandbox.close();

    const text = readFileSync(recordPath, 'utf8');
    expect(text).not.toMatch(/authorization|Basic /i);
    const [v25, v11, refused] = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(v25).toMatchObject({
      apiVersion: 'v20250224',
      query: { supported_products: ['account_verification', 'transactions'] },
      requestHeaders: { accept: 'application/json', 'accept-version': 'v20250224', 'content-type': null },
      responseContentType: 'application/json',
    });
    expect(v11).toMatchObject({
      apiVersion: 'v20111101',
      requestHeaders: { accept: MX_ACCEPT, 'accept-version': 'v20111101', 'content-type': 'application/json' },
      responseContentType: MX_ACCEPT,
    });
    expect(refused).toMatchObject({
      apiVersion: null,
      status: 406,
      requestHeaders: { accept: MX_ACCEPT, 'accept-version': null, 'content-type': null },
      responseContentType: 'application/json',
      responseBody: { error: { message: "The request didn't specify a valid API version. Send the Accept-Version header: v20250224 or v20111101." } },
    });
    expect(Object.keys(refused.requestHeaders).sort()).toEqual(['accept', 'accept-version', 'content-type']);
  });

  it('are 0600 (also a file that existed with wider rights) and hold no passwords, answers or whole account numbers', async () => {
    const recordPath = join(dir, 'secrets.jsonl');
    writeFileSync(recordPath, '', { mode: 0o644 });
    const sandbox = await createSandbox({ jobMs: 0, recordPath });
    const api = mx(sandbox, 'v20250224');
    const userGuid = (await api.post('/users', { user: { id: 'secrets' } })).body.user.guid as string;
    const credentials = [{ guid: LOGIN, value: 'mxuser' }, { guid: PASSWORD, value: SECRET_PASSWORD }];
    const created = await api.post(`/users/${userGuid}/members`, { member: { institution_code: 'mxbank', credentials }, data_request: { products: ['account_verification'] } });
    const memberGuid = created.body.member.guid as string;
    const challenged = await settle(api, userGuid, memberGuid);
    const selection = challenged.challenges[0];
    await api.put(`/users/${userGuid}/members/${memberGuid}/resume`, { member: { challenges: [{ guid: selection.guid, value: selection.options[0].value }] } });
    await settle(api, userGuid, memberGuid);
    const numbers = (await api.get(`/users/${userGuid}/members/${memberGuid}/account_numbers`)).body.account_numbers;
    const whole = numbers[0].account_number as string;
    expect(whole).toMatch(/^\d{10}$/);
    await api.put(`/users/${userGuid}/members/${memberGuid}`, { member: { credentials: [{ guid: PASSWORD, value: SECRET_PASSWORD }] } });
    await sandbox.close();

    expect(statSync(recordPath).mode & 0o777).toBe(0o600);
    const text = readFileSync(recordPath, 'utf8');
    expect(text).not.toContain(SECRET_PASSWORD);
    expect(text).not.toContain(whole);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    const create = lines.find((l) => l.method === 'POST' && l.path.endsWith('/members'));
    expect(create.requestBody.member.credentials).toEqual([{ guid: LOGIN, value: '[redacted]' }, { guid: PASSWORD, value: '[redacted]' }]);
    const resume = lines.find((l) => l.path.endsWith('/resume'));
    expect(resume.requestBody.member.challenges).toEqual([{ guid: selection.guid, value: '[redacted]' }]);
    const listed = lines.find((l) => l.path.endsWith('/account_numbers'));
    expect(listed.responseBody.account_numbers[0].account_number).toBe(whole.slice(-4));
  });
});
