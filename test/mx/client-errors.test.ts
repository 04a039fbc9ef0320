import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MxClient } from '../../src/mx/client.js';
import { MxApiError, MxNetworkError, MxResponseError } from '../../src/mx/errors.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { clientFor, MEMBER_GUID, member, mxError, reply, ROUTES, status, USER_GUID } from './fixtures.js';

let server: ScriptedServer;
let client: MxClient;
beforeEach(async () => {
  server = await startScriptedServer();
  client = clientFor(server, { retry: { limit: 0 } });
});
afterEach(async () => {
  client.close();
  await server.close();
});

const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => expect.fail('expected a failure'), (e: unknown) => e);

describe('non-2xx answers', () => {
  it('become MxApiError with status, MX message, method and path (no query string)', async () => {
    server.expect('GET', ROUTES.users, reply(mxError('User not found'), 404));
    const error = await failure(client.listUsers({ email: 'private@example.com' }));
    expect(error).toBeInstanceOf(MxApiError);
    expect(error).toMatchObject({ status: 404, mxMessage: 'User not found', method: 'GET', path: '/users', exitCode: 4 });
    expect((error as Error).message).toBe('MX answered 404 Not Found to GET /users: User not found.');
    expect(String(error)).not.toContain('private@example.com');
    expect((error as Error).cause).toBeUndefined();
  });

  it('have a null mxMessage when the body is not the MX envelope', async () => {
    server.expect('GET', ROUTES.user, { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad gateway</html>' });
    const error = await failure(client.readUser(USER_GUID));
    expect(error).toMatchObject({ status: 502, mxMessage: null });
    expect((error as Error).message).toBe(`MX answered 502 Bad Gateway to GET /users/${USER_GUID}.`);
  });
});

describe('malformed 2xx answers become MxResponseError', () => {
  it.each([
    ['an HTML page', { headers: { 'content-type': 'text/html' }, body: '<!doctype html><p>Maintenance</p>' }, /an HTML page instead of JSON/],
    ['truncated JSON', { body: '{"member": {"guid": "MBR-1", "connection_' }, /not valid JSON .*truncated/],
    ['a missing member guid', reply(member({ guid: undefined })), /without a "guid" string/],
    ['a numeric connection_status', reply(member({ connection_status: 3 })), /"connection_status" is not a string or null/],
    ['no member object', reply({ user: {} }), /no "member" object/],
    ['an empty 200', { body: '' }, /an empty body/],
  ])('%s', async (_name, answer, message) => {
    server.expect('GET', ROUTES.member, answer);
    const error = await failure(client.readMember(USER_GUID, MEMBER_GUID));
    expect(error).toBeInstanceOf(MxResponseError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^MX answered 200 to GET \/users\/USR-.+\.$/);
  });

  it('lists without pagination or with non-object items', async () => {
    server.expect('GET', ROUTES.members, reply({ members: [] }), reply({ members: [1], pagination: {} }));
    await expect(client.listMembers(USER_GUID)).rejects.toThrow(/no "pagination" object/);
    await expect(client.listMembers(USER_GUID)).rejects.toThrow(/entry of "members" that is not an object/);
  });

  it.each([false, true])('a body over maxBodyBytes stops the download (Content-Length declared: %s)', async (declareLength) => {
    const small = clientFor(server, { maxBodyBytes: 64 * 1024, retry: { limit: 0 } });
    server.expect('GET', ROUTES.status, { hugeBodyBytes: 4 * 1024 ** 3, declareLength });
    const started = Date.now();
    const error = await failure(small.readMemberStatus(USER_GUID, MEMBER_GUID));
    small.close();
    expect(error).toBeInstanceOf(MxResponseError);
    expect((error as Error).message).toMatch(/a body larger than 65536 bytes \(download stopped\)/);
    expect(Date.now() - started).toBeLessThan(10_000); // 4 GB were not read (nor held in memory)
  });
});

describe('network failures become MxNetworkError', () => {
  it('a stalled answer times out (ETIMEDOUT) and says the request may have been sent', async () => {
    const impatient = clientFor(server, { timeoutMs: 150, retry: { limit: 0 } });
    server.expect('GET', ROUTES.status, { hang: true });
    const error = await failure(impatient.readMemberStatus(USER_GUID, MEMBER_GUID));
    impatient.close();
    expect(error).toBeInstanceOf(MxNetworkError);
    expect(error).toMatchObject({ networkCode: 'ETIMEDOUT', method: 'GET', requestSent: true, exitCode: 4 });
    expect((error as Error).message).toMatch(/^MX did not answer within 0\.2 s \(ETIMEDOUT\) to GET \/users\/.+\/status\.$/);
  });

  it('a dropped connection is ECONNRESET', async () => {
    server.expect('GET', ROUTES.member, { reset: true });
    await expect(client.readMember(USER_GUID, MEMBER_GUID)).rejects.toMatchObject({ name: 'MxNetworkError', networkCode: 'ECONNRESET' });
  });

  it('a closed port is ECONNREFUSED and counts as not sent', async () => {
    const url = server.url;
    await server.close();
    const offline = clientFor({ url } as ScriptedServer, { retry: { limit: 0 } });
    const error = await failure(offline.createUser({}));
    offline.close();
    expect(error).toMatchObject({ networkCode: 'ECONNREFUSED', requestSent: false, method: 'POST', path: '/users' });
    server = await startScriptedServer(); // for afterEach
  });

  it('a slow but complete answer within the timeout is fine', async () => {
    server.expect('GET', ROUTES.status, { delayMs: 100, body: status('CONNECTED', false) });
    await expect(client.readMemberStatus(USER_GUID, MEMBER_GUID)).resolves.toMatchObject({ connection_status: 'CONNECTED' });
  });
});
