import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MxClient } from '../../src/mx/client.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { clientFor, mxError, page, reply, user } from '../mx/fixtures.js';

// MX refuses a partner id it already has with 409. After an ambiguous failure and a resend (the look-up found
// nothing yet), a 409 can only be the first attempt having landed after all: the user is looked up again and used,
// not reported as someone else's.

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

describe('create user after a resend', () => {
  it('a 409 finds the user the first attempt made', async () => {
    server.expect('POST', '/users', { reset: true }, reply(mxError('An object with the given attributes already exists.'), 409));
    server.expect('GET', '/users', reply(page('users', [])), () => {
      const id = (server.requests[0]?.json as { user: { id: string } }).user.id;
      return reply(page('users', [user(id).user]));
    });
    const created = await client.createUser({});
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /users', 'GET /users', 'POST /users', 'GET /users']);
    expect(created.id).toBe((server.requests[0]?.json as { user: { id: string } }).user.id);
  });

  it('a 409 to the first attempt is MX refusing the id', async () => {
    server.expect('POST', '/users', reply(mxError('An object with the given attributes already exists.'), 409));
    await expect(client.createUser({ id: 'taken' })).rejects.toMatchObject({ status: 409 });
    expect(server.requests).toHaveLength(1);
  });
});
