import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMxClient, type MxClient } from '../../src/mx/client.js';
import { InsecureBaseUrlError, InvalidIdentifierError } from '../../src/mx/errors.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { API_KEY, CLIENT_ID, clientFor, MEMBER_GUID, member, page, reply, ROUTES, status, user, USER_GUID } from './fixtures.js';

let server: ScriptedServer;
let client: MxClient;
beforeEach(async () => {
  server = await startScriptedServer();
  client = clientFor(server);
});
afterEach(async () => {
  client.close();
  await server.close();
});

describe('requests the client sends', () => {
  it('sends Basic auth, the current version\'s Accept and Accept-Version, and a JSON body with a generated partner id', async () => {
    server.expect('POST', ROUTES.users, reply(user('x')));
    await client.createUser({ email: 'a@example.com' });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/users');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['accept-version']).toBe('v20250224');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64')}`);
    const body = request?.json as { user: { id: string; email: string } };
    expect(body.user.email).toBe('a@example.com');
    expect(body.user.id).toMatch(/^mx-iav-[0-9a-f-]{36}$/);
  });

  it('keeps the caller id, and wraps member options at the top level', async () => {
    server.expect('POST', ROUTES.members, reply(member()));
    await client.createMember(USER_GUID, { institution_code: 'mxbank', credentials: [], id: 'mine' }, { referral_source: 'APP', client_redirect_url: 'https://x.test' });
    expect(server.requests[0]?.path).toBe(`/users/${USER_GUID}/members`);
    expect(server.requests[0]?.json).toEqual({
      member: { institution_code: 'mxbank', credentials: [], id: 'mine' },
      referral_source: 'APP',
      client_redirect_url: 'https://x.test',
    });
  });

  it('puts filters and paging in the query string', async () => {
    server.expect('GET', ROUTES.users, reply(page('users', [user().user])));
    server.expect('GET', '/institutions', reply(page('institutions', [])));
    await client.listUsers({ id: 'p-1', email: 'e@x.test', page: 2, records_per_page: 10 });
    await client.listInstitutions({ name: 'mx bank', supports_account_verification: true });
    expect(Object.fromEntries(server.requests[0]!.query)).toEqual({ id: 'p-1', email: 'e@x.test', page: '2', records_per_page: '10' });
    expect(server.requests[1]?.url).toBe('/institutions?name=mx+bank&supported_products=account_verification');
  });

  it('sends resume answers, verify without a body, and reads 202 as "already running"', async () => {
    server.expect('PUT', ROUTES.resume, reply(member({ connection_status: 'RESUMED' })));
    server.expect('POST', ROUTES.verify, reply(member()), reply(member(), 202));
    await client.resumeAggregation(USER_GUID, MEMBER_GUID, [{ guid: 'CRD-1', value: 'correct' }]);
    expect(await client.verifyMember(USER_GUID, MEMBER_GUID)).toMatchObject({ alreadyRunning: false });
    expect(await client.verifyMember(USER_GUID, MEMBER_GUID)).toMatchObject({ alreadyRunning: true });
    expect(server.requests[0]).toMatchObject({ method: 'PUT', path: `/users/${USER_GUID}/members/${MEMBER_GUID}/resume` });
    expect(server.requests[0]?.json).toEqual({ member: { challenges: [{ guid: 'CRD-1', value: 'correct' }] } });
    expect(server.requests[1]).toMatchObject({ method: 'POST', path: `/users/${USER_GUID}/members/${MEMBER_GUID}/verify`, body: '' });
  });

  it('asks for a fresh OAuth link without letting MX aggregate once the bank says yes', async () => {
    server.expect('GET', `${ROUTES.member}/oauth_window_uri`, reply({ member: { guid: MEMBER_GUID, oauth_window_uri: 'https://bank.example/authorize?state=x' } }));
    expect(await client.requestOAuthWindowUri(USER_GUID, MEMBER_GUID)).toEqual({
      guid: MEMBER_GUID,
      oauth_window_uri: 'https://bank.example/authorize?state=x',
    });
    expect(server.requests[0]?.url).toBe(`/users/${USER_GUID}/members/${MEMBER_GUID}/oauth_window_uri?skip_aggregation=true`);
  });

  it('treats 204 from challenges as no challenges, and 204 from delete as done', async () => {
    server.expect('GET', `${ROUTES.member}/challenges`, { status: 204 });
    server.expect('DELETE', ROUTES.member, { status: 204 });
    expect(await client.listMemberChallenges(USER_GUID, MEMBER_GUID)).toEqual([]);
    await expect(client.deleteMember(USER_GUID, MEMBER_GUID)).resolves.toBeUndefined();
  });

  it('fetches every page of a whole-list call and paginates lazily', async () => {
    server.expect('GET', `${ROUTES.member}/account_numbers`, reply(page('account_numbers', [{ account_number: '1' }], 1, 2)), reply(page('account_numbers', [{ account_number: '2' }], 2, 2)));
    const numbers = await client.listAccountNumbersByMember(USER_GUID, MEMBER_GUID);
    expect(numbers.map((n) => n.account_number)).toEqual(['1', '2']);
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2']);

    server.expect('GET', ROUTES.members, reply(page('members', [member().member], 1, 3)), reply(page('members', [member().member], 2, 3)));
    for await (const item of client.paginate((q) => client.listMembers(USER_GUID, q), 10)) {
      expect(item.guid).toBe(MEMBER_GUID);
      if (server.requests.length === 4) break; // stops before page 3 is requested
    }
    expect(server.requests).toHaveLength(4);
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    server.expect('GET', ROUTES.status, ...Array.from({ length: 5 }, () => reply(status('CREATED', true))));
    for (let i = 0; i < 5; i++) await client.readMemberStatus(USER_GUID, MEMBER_GUID);
    expect(server.connections()).toBe(1);
  });
});

describe('identifiers and base URL', () => {
  it.each([
    ['user guid', () => client.readUser('../admin')],
    ['user guid', () => client.readUser('MBR-123')],
    ['member guid', () => client.readMember(USER_GUID, 'MBR-1/../x')],
    ['member guid', () => client.deleteMember(USER_GUID, 'MBR-')],
    ['account guid', () => client.listAccountNumbersByAccount(USER_GUID, 'ACT-1?x=1')],
    ['institution code', () => client.readInstitution('..')],
    ['institution code', () => client.listInstitutionCredentials('mx bank')],
  ])('refuses a bad %s before any request', async (kind, call) => {
    const error = await call().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect((error as InvalidIdentifierError).kind).toBe(kind);
    expect(String(error)).toContain(kind);
    expect(server.requests).toHaveLength(0);
  });

  it('accepts institution codes with dots, dashes and underscores', async () => {
    server.expect('GET', '/institutions/mx_bank.oauth-2', { body: { institution: { code: 'mx_bank.oauth-2' } } });
    await client.readInstitution('mx_bank.oauth-2');
    expect(server.requests[0]?.path).toBe('/institutions/mx_bank.oauth-2');
  });

  it.each(['http://int-api.mx.com', 'http://10.0.0.5:8080', 'ftp://127.0.0.1', 'https://u:p@int-api.mx.com', 'not a url'])(
    'refuses %s',
    (baseUrl) => {
      expect(() => createMxClient({ baseUrl, clientId: 'c', apiKey: 'k' })).toThrow(InsecureBaseUrlError);
    },
  );

  it.each(['https://int-api.mx.com', 'http://localhost:3000', 'http://127.0.0.2:1', 'http://[::1]:8080/base'])('accepts %s', (baseUrl) => {
    createMxClient({ baseUrl, clientId: 'c', apiKey: 'k' }).close();
  });
});
