import { describe, expect, it } from 'vitest';
import { LOGIN, PASSWORD, createUser, mx, settle, startSandbox, type Mx } from './helpers.js';

// What v20250224 changes besides the headers (shared/mx-api-versions.md §3), each against the same catalog on
// v20111101 where the versions differ.

const mxBank = (password = 'correct', username = 'mxuser') => [
  { guid: LOGIN, value: username },
  { guid: PASSWORD, value: password },
];
const codes = (body: { institutions: { code: string }[] }): string[] => body.institutions.map((i) => i.code);

describe('v20250224 institutions', async () => {
  const sandbox = await startSandbox();
  const v25 = mx(sandbox, 'v20250224');
  const v11 = mx(sandbox, 'v20111101');

  it('filters on supported_products, a repeated key whose products must all be supported', async () => {
    const all = codes((await v25.get('/institutions?records_per_page=100')).body);
    const verifying = codes((await v25.get('/institutions?supported_products=account_verification&records_per_page=100')).body);
    expect(verifying).toContain('mxbank');
    expect(verifying).not.toContain('harborview_brokerage');
    expect(all).toContain('harborview_brokerage');
    const both = codes((await v25.get('/institutions?supported_products=account_verification&supported_products=investments&records_per_page=100')).body);
    expect(both).toEqual([]);
    const history = codes((await v25.get('/institutions?name=harborview&supported_products=history&supported_products=investments')).body);
    expect(history).toEqual(['harborview_brokerage']);
  });

  it('refuses a product that is not one, naming the products', async () => {
    const res = await v25.get('/institutions?supported_products=account_verfication');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('account_verification, identity_verification');
  });

  it('lists a hidden institution with is_hidden true on v20250224 only, and refuses new members there', async () => {
    const hidden = (await v25.get('/institutions?name=old%20mill')).body.institutions;
    expect(hidden).toEqual([expect.objectContaining({ code: 'old_mill_savings', is_hidden: true })]);
    expect((await v11.get('/institutions?name=old%20mill')).body.institutions).toEqual([]);
    expect((await v11.get('/institutions/old_mill_savings')).status).toBe(200);
    const userGuid = await createUser(v25);
    const creds = (await v25.get('/institutions/old_mill_savings/credentials')).body.credentials;
    const res = await v25.post(`/users/${userGuid}/members`, {
      member: { institution_code: 'old_mill_savings', credentials: creds.map((c: { guid: string }) => ({ guid: c.guid, value: 'x' })) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Old Mill Savings (retired) is not available for new connections.');
  });

  it('reads credentials by institution guid on v20250224, by code only on v20111101', async () => {
    const guid = (await v25.get('/institutions/mxbank')).body.institution.guid;
    expect((await v25.get(`/institutions/${guid}/credentials`)).body.credentials).toHaveLength(2);
    expect((await v11.get(`/institutions/${guid}/credentials`)).status).toBe(404);
  });

  it('offers MXCU (OAuth), mxcu_oauth, beside MX Bank (OAuth)', async () => {
    const hits = (await v25.get('/institutions?name=mxcu')).body.institutions;
    expect(hits).toEqual([expect.objectContaining({ code: 'mxcu_oauth', name: 'MXCU (OAuth)', supports_oauth: true, supported_products: expect.arrayContaining(['account_verification']) })]);
    expect((await v11.get('/institutions/mxcu_oauth')).body.institution).toMatchObject({ supports_oauth: true, supports_account_verification: true });
  });
});

async function member(api: Mx, userGuid: string, body: Record<string, unknown>) {
  return api.post(`/users/${userGuid}/members`, body);
}

describe('v20250224 create member', async () => {
  const sandbox = await startSandbox();
  const v25 = mx(sandbox, 'v20250224');

  it('without data_request: 202 and a standard aggregation (transactions, no account numbers)', async () => {
    const userGuid = await createUser(v25);
    const res = await member(v25, userGuid, { member: { institution_code: 'mxbank', credentials: mxBank() } });
    expect(res.status).toBe(202);
    const done = await settle(v25, userGuid, res.body.member.guid);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', has_processed_transactions: true, has_processed_account_numbers: false });
  });

  it('ignores skip_aggregation, which v20250224 no longer has: the data_request job still starts', async () => {
    // This request breaks the v20250224 spec on purpose, so it goes to a sandbox that records nothing: the contract
    // check must keep flagging any client that sends skip_aggregation on v20250224.
    const quiet = await startSandbox({ recordPath: '' });
    const v25 = mx(quiet, 'v20250224');
    const userGuid = await createUser(v25);
    const res = await member(v25, userGuid, { member: { institution_code: 'mxbank', credentials: mxBank(), skip_aggregation: true }, data_request: { products: ['account_verification'] } });
    expect(res.status).toBe(202);
    expect(res.body.member.is_being_aggregated).toBe(true);
    expect((await settle(v25, userGuid, res.body.member.guid)).connection_status).toBe('CHALLENGED');
    await quiet.close();
  });

  it('answers 201 when a product in data_request fails (account_verification at a brokerage), and runs the rest', async () => {
    const userGuid = await createUser(v25);
    const creds = (await v25.get('/institutions/harborview_brokerage/credentials')).body.credentials;
    const credentials = creds.map((c: { guid: string; field_name: string }) => ({ guid: c.guid, value: c.field_name === 'LOGIN' ? 'mxuser' : 'correct' }));
    const res = await member(v25, userGuid, { member: { institution_code: 'harborview_brokerage', credentials }, data_request: { products: ['account_verification', 'transactions'] } });
    expect(res.status).toBe(201);
    const done = await settle(v25, userGuid, res.body.member.guid);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', has_processed_transactions: true, has_processed_account_numbers: false });
  });

  it('refuses a data_request that is not {products: [...]} or names an unknown product', async () => {
    const userGuid = await createUser(v25);
    const base = { member: { institution_code: 'mxbank', credentials: mxBank() } };
    const before = sandbox.stats().members;
    expect((await member(v25, userGuid, { ...base, data_request: ['account_verification'] })).status).toBe(400);
    const unknown = await member(v25, userGuid, { ...base, data_request: { products: ['account_numbers'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('"account_numbers"');
    expect(sandbox.stats().members).toBe(before);
  });

  it('OAuth with data_request: 200 PENDING (no job yet); approving runs the verification (mxcu_oauth)', async () => {
    const userGuid = await createUser(v25);
    const res = await member(v25, userGuid, { member: { institution_code: 'mxcu_oauth', is_oauth: true, credentials: [] }, data_request: { products: ['account_verification'] } });
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ connection_status: 'PENDING', is_being_aggregated: false });
    const page = await fetch(res.body.member.oauth_window_uri);
    expect(await page.text()).toContain('<title>MXCU (OAuth)</title>');
    const state = new URL(res.body.member.oauth_window_uri).searchParams.get('state') ?? '';
    await fetch(`${sandbox.url}/oauth/approve`, { method: 'POST', body: new URLSearchParams({ state }) });
    const challenged = await settle(v25, userGuid, res.body.member.guid);
    expect(challenged).toMatchObject({ connection_status: 'CHALLENGED', is_authenticated: true });
    expect(challenged.challenges[0].label).toBe('Please select an account:');
  });
});

describe('v20250224 verify while the create-started job runs', async () => {
  const sandbox = await startSandbox({ jobMs: 60_000 });
  const v25 = mx(sandbox, 'v20250224');

  it('is 409, as MX answers a job of another type; a verify-started verification still answers 202', async () => {
    const userGuid = await createUser(v25);
    const res = await member(v25, userGuid, { member: { institution_code: 'mxbank', credentials: mxBank() }, data_request: { products: ['account_verification'] } });
    const verify = await v25.post(`/users/${userGuid}/members/${res.body.member.guid}/verify`);
    expect(verify.status).toBe(409);
    expect(verify.body).toEqual({ error: { message: 'The member already has an aggregation of a different type running.' } });

    const v11 = mx(sandbox, 'v20111101');
    const quiet = await member(v11, userGuid, { member: { institution_code: 'mxbank', credentials: mxBank('other'), skip_aggregation: true } });
    expect((await v25.post(`/users/${userGuid}/members/${quiet.body.member.guid}/verify`)).status).toBe(200);
    expect((await v25.post(`/users/${userGuid}/members/${quiet.body.member.guid}/verify`)).status).toBe(202);
  });
});

describe('v20250224 partner ids and accounts', async () => {
  const sandbox = await startSandbox();
  const v25 = mx(sandbox, 'v20250224');
  const v11 = mx(sandbox, 'v20111101');

  it('takes the user id and member id in {user_identifier}/{member_identifier} segments, and the guid still', async () => {
    const userGuid = await createUser(v25, { id: 'jane-42' });
    const res = await member(v25, userGuid, { member: { id: 'jane-bank', institution_code: 'mxbank', credentials: mxBank('correct', 'mxuser_one_account') }, data_request: { products: ['account_verification'] } });
    const memberGuid: string = res.body.member.guid;
    expect((await v25.get('/users/jane-42')).body.user.guid).toBe(userGuid);
    expect((await settle(v25, 'jane-42', 'jane-bank')).connection_status).toBe('CONNECTED');
    expect((await v25.get(`/users/jane-42/members/${memberGuid}`)).body.member.guid).toBe(memberGuid);
    expect((await v25.get(`/users/${userGuid}/members/jane-bank`)).body.member.guid).toBe(memberGuid);
    const accounts = (await v25.get('/users/jane-42/members/jane-bank/accounts')).body.accounts;
    expect(accounts.length).toBeGreaterThan(0);
    const numbers = await v25.get(`/users/jane-42/accounts/${accounts[0].guid}/account_numbers`);
    expect(numbers.status).toBe(200);
    // listAccountNumbersByMember keeps {user_guid}/{member_guid} in v20250224.
    expect((await v25.get('/users/jane-42/members/jane-bank/account_numbers')).status).toBe(404);
    expect((await v25.get(`/users/${userGuid}/members/${memberGuid}/account_numbers`)).body.account_numbers).toHaveLength(1);
    // v20111101 segments are guids.
    expect((await v11.get('/users/jane-42')).status).toBe(404);
    expect((await v11.get(`/users/${userGuid}/members/jane-bank`)).status).toBe(404);
  });

  it('refuses a second user with a partner id (409), so the id keeps addressing the first', async () => {
    const first = await createUser(v25, { id: 'twin' });
    expect((await v25.post('/users', { user: { id: 'twin' } })).status).toBe(409);
    const res = await v25.get('/users/twin');
    expect(res.status).toBe(200);
    expect(res.body.user.guid).toBe(first);
  });

  it('lists accounts without the fields v20250224 removed (institution_guid); v20111101 keeps them', async () => {
    const userGuid = await createUser(v25);
    const res = await member(v25, userGuid, { member: { institution_code: 'mxbank', credentials: mxBank() } });
    await settle(v25, userGuid, res.body.member.guid);
    const path = `/users/${userGuid}/members/${res.body.member.guid}/accounts`;
    const [account] = (await v25.get(path)).body.accounts;
    expect(account).toMatchObject({ guid: expect.stringMatching(/^ACT-/), account_number: expect.stringMatching(/^\d{4}$/) });
    expect(Object.keys(account).filter((k) => k === 'institution_guid' || k.endsWith('_set_by') || k.startsWith('feed_'))).toEqual([]);
    expect((await v11.get(path)).body.accounts[0]).toHaveProperty('institution_guid', expect.stringMatching(/^INS-/));
  });
});
