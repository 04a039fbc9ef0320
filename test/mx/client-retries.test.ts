import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MxClient } from '../../src/mx/client.js';
import { MxApiError } from '../../src/mx/errors.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { clientFor, MEMBER_GUID, member, mxError, page, reply, ROUTES, status, user, USER_GUID } from './fixtures.js';

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

const methods = () => server.requests.map((r) => `${r.method} ${r.path.replace(/\/users\/USR-[^/]+/, '/users/U').replace(/\/members\/MBR-[^/]+/, '/members/M')}`);
const busy = reply(mxError('Service is being updated'), 503);

describe('reads', () => {
  it('retry network errors, 429 and 5xx, then answer', async () => {
    server.expect('GET', ROUTES.status, { reset: true }, reply(mxError('slow down'), 429), busy, reply(status('CONNECTED', false)));
    await expect(client.readMemberStatus(USER_GUID, MEMBER_GUID)).resolves.toMatchObject({ connection_status: 'CONNECTED' });
    expect(client.stats()).toEqual({ requests: 4, retries: 3 });
  });

  it('give up after the retry limit with the last error', async () => {
    const limited = clientFor(server, { retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    server.expect('GET', ROUTES.status, busy, busy, busy);
    await expect(limited.readMemberStatus(USER_GUID, MEMBER_GUID)).rejects.toMatchObject({ status: 503 });
    expect(limited.stats()).toEqual({ requests: 3, retries: 2 });
    limited.close();
  });

  it('do not retry other 4xx', async () => {
    server.expect('GET', ROUTES.member, reply(mxError('Member not found'), 404));
    await expect(client.readMember(USER_GUID, MEMBER_GUID)).rejects.toBeInstanceOf(MxApiError);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['seconds', () => '30'],
    ['an HTTP date', () => new Date(Date.now() + 30_000).toUTCString()],
  ])('honour Retry-After given in %s, capped at maxDelayMs', async (_kind, header) => {
    const capped = clientFor(server, { retry: { baseDelayMs: 1, maxDelayMs: 300 } });
    server.expect('GET', ROUTES.users, { status: 429, headers: { 'retry-after': header() }, body: mxError('Too many requests') }, reply(page('users', [])));
    const started = Date.now();
    await capped.listUsers();
    const waited = Date.now() - started;
    capped.close();
    expect(waited).toBeGreaterThanOrEqual(250); // the header's wait, not the 1 ms base delay…
    expect(waited).toBeLessThan(5_000); // …but capped far below the 30 s asked for
  });
});

describe('createUser / createMember after an ambiguous failure', () => {
  it('find the user created by the lost request instead of posting again', async () => {
    server.expect('POST', ROUTES.users, busy);
    server.expect('GET', ROUTES.users, (request) => reply(page('users', [user(request.query.get('id')).user])));
    const created = await client.createUser({ email: 'a@x.test' });
    const sentId = (server.requests[0]?.json as { user: { id: string } }).user.id;
    expect(created.id).toBe(sentId);
    expect(server.requests[1]?.query.get('id')).toBe(sentId);
    expect(methods()).toEqual(['POST /users', 'GET /users']);
  });

  it('post again, with the same id, when the look-up finds nothing', async () => {
    server.expect('POST', ROUTES.users, { reset: true }, reply(user('x')));
    server.expect('GET', ROUTES.users, reply(page('users', [])));
    await client.createUser({});
    expect(methods()).toEqual(['POST /users', 'GET /users', 'POST /users']);
    expect(server.requests[2]?.json).toEqual(server.requests[0]?.json);
    expect(client.stats().retries).toBe(1);
  });

  it('retry a 429 without a look-up (MX refused it), and never retry a 400', async () => {
    server.expect('POST', ROUTES.users, reply(mxError('Too many requests'), 429), reply(user()), reply(mxError('User object cannot be empty'), 400));
    await client.createUser({});
    await expect(client.createUser({})).rejects.toMatchObject({ status: 400 });
    expect(methods()).toEqual(['POST /users', 'POST /users', 'POST /users']);
  });

  it('find the member by partner id across pages of the user members', async () => {
    const other = member({ id: 'someone-else', guid: 'MBR-other' }).member;
    server.expect('POST', ROUTES.members, { hang: true });
    const impatient = clientFor(server, { timeoutMs: 200 });
    server.expect('GET', ROUTES.members, reply(page('members', [other], 1, 2)), (request) => {
      const id = (server.requests[0]?.json as { member: { id: string } }).member.id;
      return reply(page('members', [member({ id }).member], Number(request.query.get('page')), 2));
    });
    const found = await impatient.createMember(USER_GUID, { institution_code: 'mxbank', credentials: [{ guid: 'CRD-1', value: 'p' }] });
    impatient.close();
    expect(found.guid).toBe(member().member.guid);
    expect(methods()).toEqual(['POST /users/U/members', 'GET /users/U/members', 'GET /users/U/members']);
  });

  it('take a 409 duplicate after a resend as our own member, found by id', async () => {
    const mine = (request: { query: URLSearchParams }) => {
      const id = (server.requests[0]?.json as { member: { id: string } }).member.id;
      return reply(page('members', request.query.get('page') === '1' && server.requests.length > 3 ? [member({ id }).member] : []));
    };
    server.expect('POST', ROUTES.members, busy, reply(mxError('A member with these credentials already exists'), 409));
    server.expect('GET', ROUTES.members, reply(page('members', [])), mine);
    const found = await client.createMember(USER_GUID, { institution_code: 'mxbank', credentials: [] });
    expect(found.guid).toBe(member().member.guid);
    expect(methods()).toEqual(['POST /users/U/members', 'GET /users/U/members', 'POST /users/U/members', 'GET /users/U/members']);
  });
});

describe('verifyMember', () => {
  it('waits out 409 (another job) and retries, bounded', async () => {
    server.expect('POST', ROUTES.verify, reply(mxError('A job is running'), 409), reply(member()));
    await expect(client.verifyMember(USER_GUID, MEMBER_GUID)).resolves.toMatchObject({ alreadyRunning: false });
    const limited = clientFor(server, { retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    server.expect('POST', ROUTES.verify, reply(mxError('A job is running'), 409), reply(mxError('A job is running'), 409));
    await expect(limited.verifyMember(USER_GUID, MEMBER_GUID)).rejects.toMatchObject({ status: 409 });
    limited.close();
  });

  it('attaches when the status shows the lost request started a job', async () => {
    server.expect('POST', ROUTES.verify, busy);
    server.expect('GET', ROUTES.status, reply(status('CREATED', true)));
    server.expect('GET', ROUTES.member, reply(member()));
    await expect(client.verifyMember(USER_GUID, MEMBER_GUID)).resolves.toMatchObject({ alreadyRunning: true });
    expect(methods()).toEqual(['POST /users/U/members/M/verify', 'GET /users/U/members/M/status', 'GET /users/U/members/M']);
  });

  it('verifies again when the status shows nothing running', async () => {
    server.expect('POST', ROUTES.verify, { reset: true }, reply(member()));
    server.expect('GET', ROUTES.status, reply(status('CONNECTED', false)));
    await expect(client.verifyMember(USER_GUID, MEMBER_GUID)).resolves.toMatchObject({ alreadyRunning: false });
    expect(methods()).toEqual(['POST /users/U/members/M/verify', 'GET /users/U/members/M/status', 'POST /users/U/members/M/verify']);
  });
});

describe('resumeAggregation', () => {
  const answers = [{ guid: 'CRD-q1', value: 'correct' }];
  it('treats the answer as accepted once the member left CHALLENGED', async () => {
    server.expect('PUT', ROUTES.resume, busy);
    server.expect('GET', ROUTES.status, reply(status('RESUMED', true)));
    server.expect('GET', ROUTES.member, reply(member({ connection_status: 'RESUMED' })));
    await expect(client.resumeAggregation(USER_GUID, MEMBER_GUID, answers)).resolves.toMatchObject({ connection_status: 'RESUMED' });
    expect(methods()).toEqual(['PUT /users/U/members/M/resume', 'GET /users/U/members/M/status', 'GET /users/U/members/M']);
  });

  it('answers again while the same question is still open, but not a new chained question', async () => {
    server.expect('PUT', ROUTES.resume, busy, reply(member({ connection_status: 'RESUMED' })));
    server.expect('GET', ROUTES.status, reply(status('CHALLENGED', true, [{ guid: 'CRD-q1' }])));
    await client.resumeAggregation(USER_GUID, MEMBER_GUID, answers);
    expect(methods().at(-1)).toBe('PUT /users/U/members/M/resume');
    server.expect('PUT', ROUTES.resume, busy);
    server.expect('GET', ROUTES.status, reply(status('CHALLENGED', true, [{ guid: 'CRD-q2' }])));
    server.expect('GET', ROUTES.member, reply(member({ connection_status: 'CHALLENGED' })));
    await client.resumeAggregation(USER_GUID, MEMBER_GUID, answers);
    expect(methods().slice(-2)).toEqual(['GET /users/U/members/M/status', 'GET /users/U/members/M']);
  });
});

describe('delete and update', () => {
  it('resend a delete after an ambiguous failure; a 404 then means it was deleted', async () => {
    server.expect('DELETE', ROUTES.user, { reset: true }, reply(mxError('User not found'), 404));
    await expect(client.deleteUser(USER_GUID)).resolves.toBeUndefined();
    server.expect('DELETE', ROUTES.user, reply(mxError('User not found'), 404));
    await expect(client.deleteUser(USER_GUID)).rejects.toMatchObject({ status: 404 }); // a first-time 404 is real
  });

  it('never resend an update after an ambiguous failure', async () => {
    server.expect('PUT', ROUTES.member, busy);
    await expect(client.updateMember(USER_GUID, MEMBER_GUID, { metadata: 'x' })).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });
});
