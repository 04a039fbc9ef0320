import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MxClient } from '../../src/mx/client.js';
import { redactBody } from '../../src/mx/redact.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { API_KEY, CLIENT_ID, clientFor, MEMBER_GUID, member, mxError, page, reply, ROUTES, USER_GUID } from './fixtures.js';

const PASSWORD = 'hunter2-very-secret';
const ANSWER = 'my-first-pet-rex';
const BASIC = Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64');
const FORBIDDEN = [API_KEY, BASIC, PASSWORD, ANSWER, '1234567890123'];

let server: ScriptedServer;
let client: MxClient;
const lines: string[] = [];
const errors: unknown[] = [];

const capture = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => void errors.push(error));
const credentials = [{ guid: 'CRD-login', value: 'mxuser' }, { guid: 'CRD-password', value: PASSWORD }];

beforeAll(async () => {
  server = await startScriptedServer();
  client = clientFor(server, { debug: (line) => lines.push(line), timeoutMs: 300, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
  // Successes whose bodies carry secrets both ways, then every kind of failure, some echoing the secrets back.
  server.expect('POST', ROUTES.members, reply(member({ credentials })), reply(mxError(`Invalid credentials: ${PASSWORD}`), 400));
  server.expect('GET', `${ROUTES.member}/account_numbers`, reply({ account_numbers: [{ account_number: '1234567890123', routing_number: '068899990' }], pagination: page('x', []).pagination }));
  server.expect('PUT', ROUTES.resume, reply(mxError(`Bad answer ${ANSWER} for key ${API_KEY} (${BASIC})`), 422));
  server.expect('PUT', ROUTES.member, { reset: true }, { hang: true }, { headers: { 'content-type': 'text/html' }, body: `<p>${PASSWORD}</p>` });
  await client.createMember(USER_GUID, { institution_code: 'mxbank', credentials });
  await client.listAccountNumbersByMember(USER_GUID, MEMBER_GUID);
  await capture(client.createMember(USER_GUID, { institution_code: 'mxbank', credentials }));
  await capture(client.resumeAggregation(USER_GUID, MEMBER_GUID, [{ guid: 'CRD-q', value: ANSWER }]));
  await capture(client.updateMember(USER_GUID, MEMBER_GUID, { credentials })); // reset, never resent
  await capture(client.updateMember(USER_GUID, MEMBER_GUID, { credentials })); // timeout
  await capture(client.updateMember(USER_GUID, MEMBER_GUID, { credentials })); // HTML echoing the password
});
afterAll(async () => {
  client.close();
  await server.close();
});

describe('secrets', () => {
  it('the debug output has the version headers, then one line per attempt, and none of the secrets', () => {
    expect(lines[0]).toBe('api v20250224: Accept: application/json, Accept-Version: v20250224');
    const attempts = lines.slice(1);
    expect(attempts).toHaveLength(7);
    expect(attempts[0]).toMatch(/^mx POST http:\/\/127\.0\.0\.1:\d+\/users\/USR-[^ ]+\/members → 200 \d+ ms attempt 1 request=\{/);
    expect(attempts[0]).toContain('"value":"***"');
    expect(attempts[1]).toContain('"account_number":"••••0123"');
    for (const line of lines) for (const secret of FORBIDDEN) expect(line).not.toContain(secret);
  });

  it('no error shows a secret however it is printed', () => {
    expect(errors).toHaveLength(5);
    for (const error of errors) {
      const renderings = [
        String(error),
        (error as Error).message,
        (error as Error).stack ?? '',
        JSON.stringify(error),
        inspect(error, { depth: Infinity, showHidden: true }),
      ];
      for (const text of renderings) for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
      expect(Object.keys(error as object)).not.toContain('options');
      expect((error as Error).cause).toBeUndefined();
    }
    expect(String(errors[0])).toContain('Invalid credentials: ***');
  });

  it('the request really carried the secrets (so the checks above mean something)', () => {
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${BASIC}`);
    expect(server.requests[0]?.body).toContain(PASSWORD);
  });

  it('redactBody masks values at any depth inside credentials/challenges and keeps the rest', () => {
    const body = { member: { challenges: [{ guid: 'CRD-1', value: 'x', options: [{ label: 'A', value: 'y' }] }], id: 'keep' } };
    expect(redactBody(body)).toEqual({ member: { challenges: [{ guid: 'CRD-1', value: '***', options: [{ label: 'A', value: '***' }] }], id: 'keep' } });
    expect(body.member.challenges[0]?.value).toBe('x');
  });
});
