import { afterEach, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/domain/api-versions.js';
import { UsageError, VerificationError } from '../../src/errors.js';
import { runVerification, type VerifyOptions } from '../../src/flow/verify.js';
import { startScriptedServer, type Reply, type ScriptedServer } from '../helpers/scripted-server.js';
import { flowDeps, memoryStore, type Question } from '../helpers/flow-deps.js';

// The whole flow per API version against a loopback MX that answers each version's shapes, so that what the flow sends
// (and leaves out) is seen on the wire: on v20250224 the create carries data_request and no verify follows it; on
// v20111101 the create is quiet and verify starts the job. Statuses and polling are covered by verify-flow.test.ts.

const USER = 'USR-11141024-90b3-1bce-cac9-c06ced52ab4c';
const MEMBER = 'MBR-3bdc7d6b-efd4-1497-a0af-b23501cf9bd0';
const timing: VerifyOptions = { timeoutMs: 5_000, firstPollDelayMs: 0, pollIntervalMs: 5, institutionCode: 'mxbank' };
const login: Question = { kind: 'credentials', answer: { LOGIN: 'mxuser', PASSWORD: 'password' } };

const INSTITUTION: Record<ApiVersion, Record<string, unknown>> = {
  v20250224: { guid: 'INS-1', supported_products: ['account_verification', 'transactions'], is_hidden: false },
  v20111101: { supports_account_verification: true },
};
const pagination = { current_page: 1, per_page: 100, total_entries: 1, total_pages: 1 };
const memberBody = (aggregating: boolean) => ({
  member: { guid: MEMBER, id: 'mx-iav-x', user_guid: USER, institution_code: 'mxbank', name: 'MX Bank', connection_status: 'CREATED', is_being_aggregated: aggregating, is_oauth: false },
});

interface FakeMx {
  version: ApiVersion;
  /** What create member answers on v20250224 (MX: 200 no job, 201 a product failed, 202 job requested). */
  createStatus?: number;
  hidden?: boolean;
  /** An OAuth bank whose create hands out no link, so the flow asks for a fresh one. */
  oauth?: boolean;
}

/** A minimal MX: every read answers as for a member that connected at once. */
function registerFakeMx(server: ScriptedServer, { version, createStatus, hidden = false, oauth = false }: FakeMx) {
  const create = version === 'v20250224' ? (createStatus ?? 202) : 200;
  const institution = { code: 'mxbank', name: 'MX Bank', supports_oauth: oauth, ...INSTITUTION[version], ...(hidden ? { is_hidden: true } : {}) };
  const member = `/users/${USER}/members/${MEMBER}`;
  const routes: [string, string, Reply][] = [
    ['GET', '/institutions/mxbank', { body: { institution } }],
    ['GET', '/institutions', { body: { institutions: [institution], pagination } }],
    [
      'GET',
      '/institutions/mxbank/credentials',
      { body: { credentials: [{ guid: 'CRD-1', field_name: 'LOGIN', display_order: 1 }, { guid: 'CRD-2', field_name: 'PASSWORD', display_order: 2 }], pagination } },
    ],
    ['POST', '/users', { body: { user: { guid: USER, id: 'mx-iav-u' } } }],
    ['GET', `/users/${USER}`, { body: { user: { guid: USER, id: 'mx-iav-u' } } }],
    // The member a job was started for is aggregating; MX's 200 on v20250224 means no job was started.
    ['POST', `/users/${USER}/members`, { status: create, body: { member: { ...memberBody(version === 'v20250224' && create !== 200).member, is_oauth: oauth } } }],
    ['GET', `${member}/oauth_window_uri`, { body: { member: { guid: MEMBER, oauth_window_uri: 'https://bank.example/authorize' } } }],
    ['GET', member, { body: memberBody(false) }],
    ['POST', `${member}/verify`, { body: memberBody(true) }],
    ['GET', `${member}/status`, { body: { member: { guid: MEMBER, connection_status: 'CONNECTED', is_being_aggregated: false } } }],
    ['GET', `${member}/account_numbers`, { body: { account_numbers: [{ account_guid: 'ACT-1', account_number: '1234567890', routing_number: '068899990' }], pagination } }],
    ['GET', `${member}/accounts`, { body: { accounts: [{ guid: 'ACT-1', name: 'Checking' }], pagination } }],
  ];
  for (const [method, path, reply] of routes) server.always(method, path, reply);
}

let server: ScriptedServer;
const start = async (fake: FakeMx) => {
  server = await startScriptedServer();
  registerFakeMx(server, fake);
  return { url: server.url, clientId: 'client-abc', apiKey: 'key-abc' };
};
afterEach(async () => server?.close());

const writes = () => server.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
const createBody = () => server.requests.find((request) => request.method === 'POST' && request.path.endsWith('/members'))?.json;

describe('the flow per API version', () => {
  it('v20250224: the create asks for account_verification in data_request, and no verify follows it', async () => {
    const { deps, store } = flowDeps(await start({ version: 'v20250224' }), [login], memoryStore(), 'v20250224');
    const result = await runVerification(deps, timing);
    expect(result.account_numbers).toHaveLength(1);
    expect(writes()).toEqual(['POST /users', `POST /users/${USER}/members`]);
    expect(createBody()).toEqual({
      member: { institution_code: 'mxbank', credentials: [{ guid: 'CRD-1', value: 'mxuser' }, { guid: 'CRD-2', value: 'password' }], id: expect.stringMatching(/^mx-iav-/) },
      data_request: { products: ['account_verification'] },
    });
    expect(store.state.step).toBe('done');
    expect(new Set(server.requests.map((request) => request.headers['accept-version']))).toEqual(new Set(['v20250224']));
  });

  it('v20111101: the create is quiet (skip_aggregation) and verify starts the job', async () => {
    const { deps } = flowDeps(await start({ version: 'v20111101' }), [login], memoryStore(), 'v20111101');
    await runVerification(deps, timing);
    expect(writes()).toEqual(['POST /users', `POST /users/${USER}/members`, `POST /users/${USER}/members/${MEMBER}/verify`]);
    expect(createBody()).toMatchObject({ member: { institution_code: 'mxbank', skip_aggregation: true } });
    expect(createBody()).not.toHaveProperty('data_request');
  });

  it('v20250224: a create answered 200 (no job started) is followed by verify', async () => {
    const { deps } = flowDeps(await start({ version: 'v20250224', createStatus: 200 }), [login], memoryStore(), 'v20250224');
    await runVerification(deps, timing);
    expect(writes()).toEqual(['POST /users', `POST /users/${USER}/members`, `POST /users/${USER}/members/${MEMBER}/verify`]);
  });

  it('v20250224: a create answered 201 is exit 5 in one sentence; the member stays saved and the next run verifies it', async () => {
    const store = memoryStore();
    const first = flowDeps(await start({ version: 'v20250224', createStatus: 201 }), [login], store, 'v20250224');
    const error = await runVerification(first.deps, timing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VerificationError);
    expect((error as VerificationError).exitCode).toBe(5);
    expect((error as VerificationError).message).toBe(`MX created member ${MEMBER} at MX Bank, but answered that its account verification failed to start (201).`);
    expect(store.state).toMatchObject({ member_guid: MEMBER, step: 'failed' });
    expect(writes()).toEqual(['POST /users', `POST /users/${USER}/members`]);

    const again = flowDeps({ url: server.url, clientId: 'c', apiKey: 'k' }, [], store, 'v20250224');
    const result = await runVerification(again.deps, { ...timing, institutionCode: undefined });
    expect(result.member_guid).toBe(MEMBER);
    expect(writes().slice(2)).toEqual([`POST /users/${USER}/members/${MEMBER}/verify`]);
  });

  it('v20250224: a hidden institution is not offered for a new member, before anything is created', async () => {
    const { deps } = flowDeps(await start({ version: 'v20250224', hidden: true }), [], memoryStore(), 'v20250224');
    const error = await runVerification(deps, timing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('MX Bank does not support instant account verification.');
    expect(writes()).toEqual([]);
  });

  it.each(['v20250224', 'v20111101'] as const)('%s: the institution search sends the version\'s filter', async (version) => {
    const { deps } = flowDeps(await start({ version }), [{ kind: 'institution', answer: 'mxbank' }, login], memoryStore(), version);
    await runVerification(deps, { ...timing, institutionCode: undefined });
    const search = server.requests.find((request) => request.path === '/institutions');
    const filter = version === 'v20250224' ? 'supported_products=account_verification' : 'supports_account_verification=true';
    expect(search?.url).toBe(`/institutions?page=1&records_per_page=10&name=mxbank&${filter}`);
  });

  it.each([
    ['v20250224', '', []],
    ['v20111101', '?skip_aggregation=true', [`POST /users/${USER}/members/${MEMBER}/verify`]],
  ] as const)('%s OAuth: a fresh sign-in link (query "%s"), then verify only where the create did not ask for it', async (version, query, verify) => {
    const { deps, prompter } = flowDeps(await start({ version, oauth: true }), [], memoryStore(), version);
    await runVerification(deps, timing);
    expect(prompter.links).toEqual(['https://bank.example/authorize']);
    expect(server.requests.find((request) => request.path.endsWith('/oauth_window_uri'))?.url).toBe(`/users/${USER}/members/${MEMBER}/oauth_window_uri${query}`);
    expect(createBody()).toMatchObject({ member: { is_oauth: true, credentials: [] } });
    expect(writes()).toEqual(['POST /users', `POST /users/${USER}/members`, ...verify]);
  });
});
