import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, mxError, reply, user, USER_GUID } from '../mx/fixtures.js';
import { startScriptedServer, UNMATCHED_STATUS, type ScriptedServer } from './scripted-server.js';

// The strict scripted server's own rules: what it answers, and when it fails the test.

const opened: ScriptedServer[] = [];
const start = async () => {
  const server = await startScriptedServer();
  opened.push(server);
  return server;
};
/** Closes without the verdict, for servers whose verdict the test reads itself. */
afterEach(async () => {
  for (const server of opened.splice(0)) await server.close().catch(() => undefined);
});

/** Plain node:http, one request each: fetch (undici) would resend a 421 by itself on a new connection. */
const send = (server: ScriptedServer, method: string, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
const verdict = (server: ScriptedServer) => {
  try {
    server.verify();
    return 'followed';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('the strict scripted server', () => {
  it('answers by method and path, the expected replies of one route once each and in order', async () => {
    const server = await start();
    server.expect('GET', '/users', reply({ n: 1 }), reply({ n: 2 }));
    server.expect('POST', '/users', reply({ created: true }, 201));
    expect(await send(server, 'POST', '/users')).toEqual({ status: 201, body: '{"created":true}' });
    expect(await send(server, 'GET', '/users?page=1')).toEqual({ status: 200, body: '{"n":1}' });
    expect(await send(server, 'GET', '/users')).toEqual({ status: 200, body: '{"n":2}' });
    expect(verdict(server)).toBe('followed');
  });

  it('answers `always` routes any number of times, none included, and matches a RegExp against the path', async () => {
    const server = await start();
    server.always('GET', /^\/users\/USR-[^/]+$/, (request) => reply({ path: request.path }));
    server.always('DELETE', '/users', reply({}));
    expect((await send(server, 'GET', '/users/USR-1')).body).toBe('{"path":"/users/USR-1"}');
    expect((await send(server, 'GET', '/users/USR-2')).body).toBe('{"path":"/users/USR-2"}');
    expect(verdict(server)).toBe('followed');
  });

  it(`answers a request nothing was registered for with ${UNMATCHED_STATUS}, and fails verify naming it`, async () => {
    const server = await start();
    server.expect('GET', '/users', reply({}));
    const surprise = await send(server, 'POST', '/users?x=1');
    expect(surprise.status).toBe(421);
    expect(surprise.body).toBe('{"error":{"message":"The scripted server has no reply for POST /users."}}');
    await send(server, 'GET', '/users');
    expect(verdict(server)).toBe("The scripted server's script was not followed:\n- no reply registered for POST /users?x=1");
  });

  it('fails verify, and close, on an expected reply never used', async () => {
    const server = await startScriptedServer();
    server.expect('GET', '/users', reply({}), reply({}));
    server.expect('PUT', '/users/USR-1', reply({}));
    await send(server, 'GET', '/users');
    await expect(server.close()).rejects.toThrow(
      "The scripted server's script was not followed:\n- an expected reply to GET /users was never used\n- an expected reply to PUT /users/USR-1 was never used",
    );
  });

  it('a request after a route used up its expected replies is unmatched', async () => {
    const server = await start();
    server.expect('GET', '/users', reply({}));
    await send(server, 'GET', '/users');
    expect((await send(server, 'GET', '/users')).status).toBe(UNMATCHED_STATUS);
    expect(verdict(server)).toContain('no reply registered for GET /users');
  });

  it('the client neither retries nor looks up after the unmatched answer: the surprise costs one request', async () => {
    const server = await start();
    const client = clientFor(server);
    server.expect('GET', '/users', reply(mxError('never sent'), 503));
    await expect(client.createUser({})).rejects.toMatchObject({ status: UNMATCHED_STATUS });
    await expect(client.readUser(USER_GUID)).rejects.toMatchObject({ status: UNMATCHED_STATUS });
    client.close();
    expect(server.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
    expect(client.stats()).toEqual({ requests: 2, retries: 0 });
    expect(verdict(server)).toBe(
      "The scripted server's script was not followed:\n" +
        '- no reply registered for POST /users\n' +
        `- no reply registered for GET /users/${USER_GUID}\n` +
        '- an expected reply to GET /users was never used',
    );
  });

  it('a reply function that throws is a failure too', async () => {
    const server = await start();
    server.expect('GET', '/users', () => {
      throw new Error('fixture bug');
    });
    expect((await send(server, 'GET', '/users')).status).toBe(UNMATCHED_STATUS);
    expect(verdict(server)).toContain('the reply for GET /users threw: Error: fixture bug');
  });

  it('keeps user() fixtures usable: a registered reply with a body is sent as JSON', async () => {
    const server = await start();
    server.expect('GET', `/users/${USER_GUID}`, reply(user()));
    const client = clientFor(server);
    await expect(client.readUser(USER_GUID)).resolves.toMatchObject({ guid: USER_GUID });
    client.close();
    expect(verdict(server)).toBe('followed');
  });
});
