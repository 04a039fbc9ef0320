import { describe, expect, it } from 'vitest';
import { isValidRoutingNumber } from '../../src/domain/aba.js';
import { LOGIN, PASSWORD, createMxBankMember, createUser, mx, settle, startSandbox, status } from './helpers.js';

describe('the IAV guide, end to end', async () => {
  const sandbox = await startSandbox();
  const api = mx(sandbox);

  it('creates a user, finds MX Bank, creates and verifies a member, and lists a valid account number', async () => {
    const created = await api.post('/users', { user: { id: 'partner-2345', email: 'totally.fake.email@notreal.com', is_disabled: false, metadata: 'Yada yada yada' } });
    expect(created.status).toBe(200);
    expect(created.body.user).toMatchObject({ id: 'partner-2345', email: 'totally.fake.email@notreal.com', is_disabled: false, metadata: 'Yada yada yada' });
    const userGuid: string = created.body.user.guid;
    expect(userGuid).toMatch(/^USR-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const search = await api.get('/institutions?name=mx%20bank');
    expect(search.status).toBe(200);
    expect(search.body.institutions[0]).toMatchObject({ code: 'mxbank', name: 'MX Bank', supports_account_verification: true, supports_oauth: false });

    const creds = await api.get('/institutions/mxbank/credentials');
    expect(creds.body.credentials).toEqual([
      { display_order: 1, field_name: 'LOGIN', field_type: 'LOGIN', guid: LOGIN, label: 'Username', type: 'LOGIN' },
      { display_order: 2, field_name: 'PASSWORD', field_type: 'PASSWORD', guid: PASSWORD, label: 'Password', type: 'PASSWORD' },
    ]);

    const create = await api.post(`/users/${userGuid}/members`, {
      member: { institution_code: 'mxbank', skip_aggregation: true, credentials: [{ guid: LOGIN, value: 'mxuser' }, { guid: PASSWORD, value: 'password' }] },
    });
    expect(create.status).toBe(200);
    const memberGuid: string = create.body.member.guid;
    expect(create.body.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: false, name: 'MX Bank', user_guid: userGuid, user_id: 'partner-2345' });

    const verify = await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    expect(verify.status).toBe(200);
    expect(verify.body.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true, most_recent_job_guid: null, most_recent_job_detail_text: null });

    const challenged = await settle(api, userGuid, memberGuid);
    expect(challenged).toMatchObject({ connection_status: 'CHALLENGED', is_authenticated: true, is_being_aggregated: true, successfully_aggregated_at: null });
    expect(challenged.challenges).toHaveLength(1);
    const selection = challenged.challenges[0];
    expect(selection).toMatchObject({ type: 'OPTIONS', label: 'Please select an account:', field_name: null });
    expect(selection.guid).toMatch(/^CRD-/);
    expect(selection.options.map((o: { label: string }) => o.label)).toEqual([expect.stringMatching(/^Checking ••\d{4}$/), expect.stringMatching(/^Savings ••\d{4}$/)]);
    for (const o of selection.options) expect(o.value).toMatch(/^act-\d{8}$/);

    const listed = await api.get(`/users/${userGuid}/members/${memberGuid}/challenges`);
    expect(listed.status).toBe(200);
    expect(listed.body.challenges).toEqual(challenged.challenges);

    const savings = selection.options[1];
    const resume = await api.put(`/users/${userGuid}/members/${memberGuid}/resume`, { member: { challenges: [{ guid: selection.guid, value: savings.value }] } });
    expect(resume.status).toBe(202);
    expect(resume.body.member).toMatchObject({ connection_status: 'RESUMED', is_being_aggregated: true });

    const done = await settle(api, userGuid, memberGuid);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false, is_authenticated: true, has_processed_account_numbers: true });
    expect(done.successfully_aggregated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(done.challenges).toBeUndefined();

    const numbers = await api.get(`/users/${userGuid}/members/${memberGuid}/account_numbers`);
    expect(numbers.status).toBe(200);
    expect(numbers.body.pagination).toEqual({ current_page: 1, per_page: 25, total_entries: 1, total_pages: 1 });
    const [number] = numbers.body.account_numbers;
    expect(number).toMatchObject({ member_guid: memberGuid, user_guid: userGuid, passed_validation: true });
    expect(number.guid).toMatch(/^ACN-/);
    expect(number.routing_number).toMatch(/^\d{9}$/);
    expect(isValidRoutingNumber(number.routing_number)).toBe(true);
    expect(number.account_number).toMatch(/^\d{10}$/);

    const accounts = await api.get(`/users/${userGuid}/members/${memberGuid}/accounts`);
    const chosen = accounts.body.accounts.find((a: { guid: string }) => a.guid === number.account_guid);
    expect(chosen).toMatchObject({ name: 'Savings', type: 'SAVINGS', account_number: number.account_number.slice(-4) });
    expect(accounts.body.accounts.map((a: { type: string }) => a.type)).toEqual(['CHECKING', 'SAVINGS', 'CREDIT_CARD']);

    const byAccount = await api.get(`/users/${userGuid}/accounts/${number.account_guid}/account_numbers`);
    expect(byAccount.body.account_numbers).toEqual([number]);
    const checking = accounts.body.accounts[0].guid;
    const none = await api.get(`/users/${userGuid}/accounts/${checking}/account_numbers`);
    expect(none.body.account_numbers).toEqual([]);
    expect((await api.get(`/users/${userGuid}/accounts/ACT-nope/account_numbers`)).status).toBe(404);

    const afterChallenge = await api.get(`/users/${userGuid}/members/${memberGuid}/challenges`);
    expect(afterChallenge.status).toBe(204);
    expect(afterChallenge.text).toBe('');
  });

  it('verifies the only eligible account without asking', async () => {
    const userGuid = await createUser(api);
    const memberGuid = await createMxBankMember(api, userGuid, 'mxuser_one_account', 'correct');
    await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    const done = await settle(api, userGuid, memberGuid);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    const numbers = (await api.get(`/users/${userGuid}/members/${memberGuid}/account_numbers`)).body.account_numbers;
    const accounts = (await api.get(`/users/${userGuid}/members/${memberGuid}/accounts`)).body.accounts;
    expect(numbers).toHaveLength(1);
    expect(accounts.find((a: { guid: string }) => a.guid === numbers[0].account_guid).type).toBe('CHECKING');
  });

  it('ends CONNECTED with no account numbers when no account is eligible', async () => {
    const userGuid = await createUser(api);
    const memberGuid = await createMxBankMember(api, userGuid, 'mxuser_no_dda', 'correct');
    await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    const done = await settle(api, userGuid, memberGuid);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false, has_processed_account_numbers: true });
    expect((await api.get(`/users/${userGuid}/members/${memberGuid}/account_numbers`)).body.account_numbers).toEqual([]);
    const types = (await api.get(`/users/${userGuid}/members/${memberGuid}/accounts`)).body.accounts.map((a: { type: string }) => a.type);
    expect(types).toEqual(['CREDIT_CARD', 'LOAN']);
  });

  it('rejects an account choice that was not offered', async () => {
    const userGuid = await createUser(api);
    const memberGuid = await createMxBankMember(api, userGuid, 'mxuser', 'correct');
    await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    const challenged = await settle(api, userGuid, memberGuid);
    await api.put(`/users/${userGuid}/members/${memberGuid}/resume`, { member: { challenges: [{ guid: challenged.challenges[0].guid, value: 'act-00000000' }] } });
    expect((await status(api, userGuid, memberGuid)).connection_status).toBe('REJECTED');
  });
});

describe('job timing', async () => {
  // A frozen clock: a job moves only when the test advances it, so nothing here depends on how fast the machine is.
  const sandbox = await startSandbox({ jobMs: 200, now: () => Date.parse('2026-03-02T10:00:00Z') });
  const api = mx(sandbox);

  it('answers 202 with no new job when a verification is already running', async () => {
    const userGuid = await createUser(api);
    const memberGuid = await createMxBankMember(api, userGuid, 'mxuser', 'correct');
    const first = await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    expect(first.status).toBe(200);
    const jobs = sandbox.stats().jobs;
    const again = await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    expect(again.status).toBe(202);
    expect(again.body.member).toMatchObject({ guid: memberGuid, is_being_aggregated: true });
    expect(sandbox.stats().jobs).toBe(jobs);
    sandbox.advance(1000);
    expect(await status(api, userGuid, memberGuid)).toMatchObject({ connection_status: 'CHALLENGED' });
  });

  it('answers 409 to verify while an aggregation runs, and steps through statuses over time', async () => {
    const userGuid = await createUser(api);
    const memberGuid = await createMxBankMember(api, userGuid, 'mxuser', 'correct', { skip_aggregation: false });
    const conflict = await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toEqual(expect.any(String));
    expect(await status(api, userGuid, memberGuid)).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true });
    sandbox.advance(1000);
    const done = await status(api, userGuid, memberGuid);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false, has_processed_transactions: true });
    const seen = sandbox.statusChanges().filter((c) => c.member_guid === memberGuid).map((c) => c.status);
    expect(seen).toEqual(['CREATED', 'CONNECTED']);
    expect((await api.post(`/users/${userGuid}/members/${memberGuid}/verify`)).status).toBe(200);
  });
});
