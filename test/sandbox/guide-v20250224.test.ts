import { describe, expect, it } from 'vitest';
import { isValidRoutingNumber } from '../../src/domain/aba.js';
import { LOGIN, PASSWORD, createUser, mx, settle, startSandbox } from './helpers.js';

// MX's IAV guide on v20250224 by raw HTTP (Accept: application/json, Accept-Version: v20250224): the verification
// starts with the member (data_request), so there is no verify call.

const mxBank = (password: string, username = 'mxuser') => [
  { guid: LOGIN, value: username },
  { guid: PASSWORD, value: password },
];
const verification = { products: ['account_verification'] };

describe('the IAV guide on v20250224', async () => {
  const sandbox = await startSandbox();
  const api = mx(sandbox, 'v20250224');

  it('user, search by supported_products, member with data_request (202), poll, account selection, resume, account numbers', async () => {
    const created = await api.post('/users', { user: { id: 'partner-v25', email: 'someone@example.com' } });
    expect(created.status).toBe(200);
    expect(created.headers.get('content-type')).toBe('application/json');
    const userGuid: string = created.body.user.guid;

    const search = await api.get('/institutions?name=mx%20bank&supported_products=account_verification');
    expect(search.body.institutions.map((i: { code: string }) => i.code)).toEqual(['mxbank', 'mx_bank_oauth']);
    expect(search.body.institutions[0]).toMatchObject({ code: 'mxbank', guid: expect.stringMatching(/^INS-/), is_hidden: false, supports_oauth: false });
    expect(search.body.institutions[0]).not.toHaveProperty('supports_account_verification');

    const creds = await api.get('/institutions/mxbank/credentials');
    expect(creds.body.credentials.map((c: { guid: string }) => c.guid)).toEqual([LOGIN, PASSWORD]);

    const create = await api.post(`/users/${userGuid}/members`, { member: { institution_code: 'mxbank', credentials: mxBank('correct') }, data_request: verification });
    expect(create.status).toBe(202);
    expect(create.body.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true, user_id: 'partner-v25' });
    const memberGuid: string = create.body.member.guid;

    const challenged = await settle(api, userGuid, memberGuid);
    expect(challenged).toMatchObject({ connection_status: 'CHALLENGED', is_authenticated: true });
    const selection = challenged.challenges[0];
    expect(selection).toMatchObject({ type: 'OPTIONS', label: 'Please select an account:' });
    const listed = await api.get(`/users/${userGuid}/members/${memberGuid}/challenges`);
    expect(listed.body.challenges).toEqual(challenged.challenges);

    const resume = await api.put(`/users/${userGuid}/members/${memberGuid}/resume`, { member: { challenges: [{ guid: selection.guid, value: selection.options[0].value }] } });
    expect(resume.status).toBe(202);
    const done = await settle(api, userGuid, memberGuid);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false, has_processed_account_numbers: true });

    const numbers = await api.get(`/users/${userGuid}/members/${memberGuid}/account_numbers`);
    expect(numbers.status).toBe(200);
    expect(numbers.body.account_numbers).toHaveLength(1);
    const [number] = numbers.body.account_numbers;
    expect(isValidRoutingNumber(number.routing_number)).toBe(true);
    expect(number.account_number).toMatch(/^\d{10}$/);
    const byAccount = await api.get(`/users/${userGuid}/accounts/${number.account_guid}/account_numbers`);
    expect(byAccount.body.account_numbers).toEqual([number]);
  });

  it('runs every MX Bank MFA password through the create-started verification', async () => {
    for (const password of ['challenge', 'options', 'image', 'token', 'image_options']) {
      const userGuid = await createUser(api);
      const create = await api.post(`/users/${userGuid}/members`, { member: { institution_code: 'mxbank', credentials: mxBank(password, 'mxuser_one_account') }, data_request: verification });
      expect(create.status, password).toBe(202);
      const mfa = await settle(api, userGuid, create.body.member.guid);
      expect(mfa.connection_status, password).toBe('CHALLENGED');
      const challenge = mfa.challenges[0];
      await api.put(`/users/${userGuid}/members/${create.body.member.guid}/resume`, { member: { challenges: [{ guid: challenge.guid, value: 'correct' }] } });
      const done = await settle(api, userGuid, create.body.member.guid);
      expect(done, password).toMatchObject({ connection_status: 'CONNECTED', has_processed_account_numbers: true });
    }
  });

  it('ends LOCKED for the LOCKED password, as on v20111101', async () => {
    const userGuid = await createUser(api);
    const create = await api.post(`/users/${userGuid}/members`, { member: { institution_code: 'mxbank', credentials: mxBank('LOCKED') }, data_request: verification });
    expect((await settle(api, userGuid, create.body.member.guid)).connection_status).toBe('LOCKED');
  });
});
