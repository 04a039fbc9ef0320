import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import type { MxClient } from '../../src/mx/client.js';
import { MxResponseError } from '../../src/mx/errors.js';
import { createTransport } from '../../src/mx/transport.js';
import { rulesFor } from '../../src/mx/versions.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { clientFor, MEMBER_GUID, member, page, reply, ROUTES, status, user, USER_GUID } from './fixtures.js';
import { formatHint } from '../../src/session/next-steps.js';

// What the client sends and accepts per MX API version (src/mx/versions.ts), seen on the wire of a loopback server.

const LEGACY_TYPE = 'application/vnd.mx.api.v1+json';
const credentials = [{ guid: 'CRD-1', value: 'mxuser' }];
const institution = (code: string, fields: Record<string, unknown>) => ({ code, name: code, supports_oauth: false, ...fields });

let server: ScriptedServer;
const clients: MxClient[] = [];
const clientOn = (apiVersion?: ApiVersion) => {
  const client = clientFor(server, apiVersion ? { apiVersion } : {});
  clients.push(client);
  return client;
};
beforeEach(async () => (server = await startScriptedServer()));
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server.close();
});

/** One request of each method, so "every request" is checked on reads and writes alike. */
async function oneOfEach(client: MxClient) {
  server.expect('POST', ROUTES.users, reply(user()));
  server.expect('GET', ROUTES.status, reply(status('CONNECTED', false)));
  server.expect('PUT', ROUTES.member, reply(member()));
  server.expect('DELETE', ROUTES.member, { status: 204 });
  await client.createUser({});
  await client.readMemberStatus(USER_GUID, MEMBER_GUID);
  await client.updateMember(USER_GUID, MEMBER_GUID, { metadata: 'x' });
  await client.deleteMember(USER_GUID, MEMBER_GUID);
  return server.requests.map((request) => [request.method, request.headers.accept, request.headers['accept-version']]);
}

describe('headers per API version', () => {
  it('v20250224 (the default): Accept: application/json and Accept-Version: v20250224 on every request', async () => {
    const sent = await oneOfEach(clientOn());
    expect(sent).toEqual(['POST', 'GET', 'PUT', 'DELETE'].map((method) => [method, 'application/json', 'v20250224']));
  });

  it('v20111101: the legacy Accept and Accept-Version: v20111101 on every request', async () => {
    const sent = await oneOfEach(clientOn('v20111101'));
    expect(sent).toEqual(['POST', 'GET', 'PUT', 'DELETE'].map((method) => [method, LEGACY_TYPE, 'v20111101']));
  });
});

describe('institution search per API version', () => {
  it('v20250224 filters by supported_products=account_verification (no brackets) and drops hidden institutions', async () => {
    const listed = [
      institution('mxbank', { supported_products: ['account_verification', 'transactions'], is_hidden: false }),
      institution('hidden', { supported_products: ['account_verification'], is_hidden: true }),
      institution('no_iav', { supported_products: ['transactions'], is_hidden: false }),
    ];
    server.expect('GET', '/institutions', reply(page('institutions', listed)));
    const found = await clientOn('v20250224').listInstitutions({ name: 'bank', supports_account_verification: true });
    expect(server.requests[0]?.url).toBe('/institutions?name=bank&supported_products=account_verification');
    expect(found.items.map((item) => item.code)).toEqual(['mxbank']);
  });

  it('v20111101 filters by supports_account_verification=true and keeps what MX lists unless it says false', async () => {
    server.expect('GET', '/institutions', reply(page('institutions', [institution('mxbank', { supports_account_verification: true }), institution('old', { supports_account_verification: false })])));
    const found = await clientOn('v20111101').listInstitutions({ name: 'bank', supports_account_verification: true });
    expect(server.requests[0]?.url).toBe('/institutions?name=bank&supports_account_verification=true');
    expect(found.items.map((item) => item.code)).toEqual(['mxbank']);
  });

  it('an unfiltered list is passed through whole (hidden ones included)', async () => {
    server.expect('GET', '/institutions', reply(page('institutions', [institution('hidden', { is_hidden: true })])));
    expect((await clientOn('v20250224').listInstitutions({ records_per_page: 10 })).items).toHaveLength(1);
    expect(server.requests[0]?.url).toBe('/institutions?records_per_page=10');
  });

  it('an array query value is sent as the same key repeated, never with brackets', async () => {
    const transport = createTransport({ baseUrl: `${server.url}/`, clientId: 'c', apiKey: 'k', rules: rulesFor('v20250224'), timeoutMs: 2000, maxBodyBytes: 1e6 });
    server.expect('GET', '/institutions', reply(page('institutions', [])));
    await transport.send({ method: 'GET', path: 'institutions', query: { supported_products: ['account_verification', 'statements'] } }, 1);
    transport.close();
    expect(server.requests[0]?.url).toBe('/institutions?supported_products=account_verification&supported_products=statements');
  });

  it.each([
    ['v20250224', { supported_products: ['account_verification'], is_hidden: false }, true],
    ['v20250224', { supported_products: ['account_verification'], is_hidden: true }, false],
    ['v20250224', { supported_products: ['transactions'] }, false],
    ['v20111101', { supports_account_verification: true }, true],
    ['v20111101', { supports_account_verification: false }, false],
    ['v20111101', { supports_account_verification: null }, true],
  ] as const)('%s offers verification at %j: %s', (version, fields, offered) => {
    expect(rulesFor(version).offersVerification(institution('x', fields) as never)).toBe(offered);
  });
});

describe('creating a member per API version', () => {
  const fields = { institution_code: 'mxbank', credentials, id: 'p-1' };

  it('v20250224 asks for verification with a top-level data_request and never sends skip_aggregation', async () => {
    server.expect('POST', ROUTES.members, reply(member(), 202), reply(member()));
    server.expect('PUT', ROUTES.member, reply(member()));
    const client = clientOn('v20250224');
    expect(await client.createMemberForVerification(USER_GUID, fields)).toMatchObject({ verification: 'started' });
    await client.createMember(USER_GUID, { ...fields, skip_aggregation: true });
    await client.updateMember(USER_GUID, MEMBER_GUID, { credentials, skip_aggregation: true });
    expect(server.requests.map((request) => request.json)).toEqual([
      { member: fields, data_request: { products: ['account_verification'] } },
      { member: fields },
      { member: { credentials } },
    ]);
  });

  it('v20111101 asks for a quiet member (skip_aggregation) that the caller then verifies', async () => {
    server.expect('POST', ROUTES.members, reply(member(), 202));
    server.expect('PUT', ROUTES.member, reply(member()));
    const client = clientOn('v20111101');
    expect(await client.createMemberForVerification(USER_GUID, fields)).toMatchObject({ verification: 'not-started' });
    await client.updateMember(USER_GUID, MEMBER_GUID, { credentials, skip_aggregation: true });
    expect(server.requests.map((request) => request.json)).toEqual([
      { member: { ...fields, skip_aggregation: true } },
      { member: { credentials, skip_aggregation: true } },
    ]);
  });

  it.each([
    [202, false, 'started'],
    [200, true, 'started'],
    [200, false, 'not-started'],
    [201, false, 'product-failed'],
  ] as const)('v20250224: create answered %i (member aggregating: %s) means the verification is %s', async (code, aggregating, outcome) => {
    server.expect('POST', ROUTES.members, reply(member({ is_being_aggregated: aggregating }), code));
    const created = await clientOn('v20250224').createMemberForVerification(USER_GUID, fields);
    expect(created).toMatchObject({ member: { guid: MEMBER_GUID }, verification: outcome });
  });

  it('asks for a fresh OAuth link without skip_aggregation when the create already asked MX to verify on approval', async () => {
    server.expect('GET', `${ROUTES.member}/oauth_window_uri`, reply({ member: { guid: MEMBER_GUID, oauth_window_uri: 'https://bank.example/a' } }));
    await clientOn('v20250224').requestOAuthWindowUri(USER_GUID, MEMBER_GUID, { skipAggregation: false });
    expect(server.requests[0]?.url).toBe(`/users/${USER_GUID}/members/${MEMBER_GUID}/oauth_window_uri`);
  });
});

describe('an ambiguous create for verification, per version', () => {
  const fields = { institution_code: 'mxbank', credentials };
  const busy = reply({ error: { message: 'Service is being updated' } }, 503);
  const sentId = () => (server.requests[0]?.json as { member: { id: string } }).member.id;
  const writes = () => server.requests.map((request) => `${request.method} ${request.path.replace(USER_GUID, 'U')}`);

  it.each([
    ['v20250224', true, 'started'],
    ['v20250224', false, 'not-started'],
    ['v20111101', true, 'not-started'],
  ] as const)('%s: the member found by partner id (aggregating: %s) counts as %s, and no second create is sent', async (version, aggregating, outcome) => {
    server.expect('POST', ROUTES.members, busy);
    server.expect('GET', ROUTES.members, () => reply(page('members', [member({ id: sentId(), is_being_aggregated: aggregating }).member])));
    const created = await clientOn(version).createMemberForVerification(USER_GUID, fields);
    expect(created).toMatchObject({ member: { guid: MEMBER_GUID }, verification: outcome });
    expect(writes()).toEqual(['POST /users/U/members', 'GET /users/U/members']);
  });

  it('v20250224: when nothing was created, the resend is the same create with its data_request', async () => {
    server.expect('POST', ROUTES.members, { reset: true }, reply(member(), 202));
    server.expect('GET', ROUTES.members, reply(page('members', [])));
    const created = await clientOn('v20250224').createMemberForVerification(USER_GUID, fields);
    expect(created.verification).toBe('started');
    expect(writes()).toEqual(['POST /users/U/members', 'GET /users/U/members', 'POST /users/U/members']);
    expect(server.requests[2]?.json).toEqual(server.requests[0]?.json);
    expect(server.requests[2]?.json).toMatchObject({ data_request: { products: ['account_verification'] } });
  });
});

describe('the media type of answers', () => {
  it('accepts application/json with parameters on v20250224', async () => {
    server.expect('GET', ROUTES.user, { body: user(), headers: { 'content-type': 'Application/JSON ; charset=UTF-8' } });
    await expect(clientOn('v20250224').readUser(USER_GUID)).resolves.toMatchObject({ guid: USER_GUID });
  });

  it('a 2xx JSON answer in the legacy media type to v20250224 is one sentence naming both', async () => {
    server.expect('GET', ROUTES.user, { body: user(), headers: { 'content-type': `${LEGACY_TYPE}; charset=utf-8` } });
    const error = await clientOn('v20250224').readUser(USER_GUID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MxResponseError);
    expect((error as MxResponseError).message).toBe(
      `MX answered 200 to GET /users/${USER_GUID} with ${LEGACY_TYPE}, but API v20250224 answers application/json ` +
        '(MX or a proxy on the way ignored Accept-Version: v20250224).',
    );
    expect((error as MxResponseError).exitCode).toBe(4);
    expect(formatHint((error as MxResponseError).hint)).toBe('See whether MX serves this API version with: mx-iav doctor (choose another with --api-version).');
  });

  it('a 2xx JSON answer in application/json to v20111101 is refused the same way', async () => {
    server.expect('GET', ROUTES.user, { body: user(), headers: { 'content-type': 'application/json' } });
    const error = await clientOn('v20111101').readUser(USER_GUID).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toContain(`with application/json, but API v20111101 answers ${LEGACY_TYPE}`);
  });

  it('error answers and empty 204s are not held to the media type', async () => {
    server.expect('GET', ROUTES.user, { status: 404, body: { error: { message: 'Not found.' } }, headers: { 'content-type': 'text/plain' } });
    server.expect('GET', `${ROUTES.member}/challenges`, { status: 204 });
    const client = clientOn('v20250224');
    await expect(client.readUser(USER_GUID)).rejects.toThrow('MX answered 404 Not Found to GET /users/');
    await expect(client.listMemberChallenges(USER_GUID, MEMBER_GUID)).resolves.toEqual([]);
  });
});
