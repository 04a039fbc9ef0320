import { describe, expect, it } from 'vitest';
import { TEST_LOGINS } from '../../src/sandbox/index.js';
import { MX_BANK_ERROR_PASSWORDS } from '../helpers/mx-bank.js';
import { createMxBankMember, createUser, mx, PASSWORD, settle, startSandbox, status } from './helpers.js';

describe('MX Bank test logins', async () => {
  const sandbox = await startSandbox();
  const api = mx(sandbox);
  // The expiry case has its own sandbox, whose clock the test advances past MX's 10 minutes instead of waiting.
  const expiringSandbox = await startSandbox();
  const expiring = mx(expiringSandbox);

  async function verified(password: string, username = 'mxuser', target = api) {
    const userGuid = await createUser(target);
    const memberGuid = await createMxBankMember(target, userGuid, username, password);
    expect((await target.post(`/users/${userGuid}/members/${memberGuid}/verify`)).status).toBe(200);
    return { userGuid, memberGuid, first: await settle(target, userGuid, memberGuid) };
  }

  async function answer(userGuid: string, memberGuid: string, guid: string, value: string) {
    const res = await api.put(`/users/${userGuid}/members/${memberGuid}/resume`, { member: { challenges: [{ guid, value }] } });
    expect(res.status).toBe(202);
    expect(res.body.member.connection_status).toBe('RESUMED');
    return settle(api, userGuid, memberGuid);
  }

  it.each(MX_BANK_ERROR_PASSWORDS)('password %s ends %s with the API call itself succeeding', async (password, outcome) => {
    const { first, userGuid, memberGuid } = await verified(password);
    expect(first).toMatchObject({ connection_status: outcome, is_being_aggregated: false, is_authenticated: false, successfully_aggregated_at: null });
    expect(first.aggregated_at).toEqual(expect.any(String));
    const member = (await api.get(`/users/${userGuid}/members/${memberGuid}`)).body.member;
    expect(member.connection_status_message).toEqual(expect.stringContaining('MX Bank'));
    expect(member.needs_updated_credentials).toBe(outcome === 'DENIED');
  });

  const kinds = [
    ['challenge', 'TEXT'],
    ['options', 'OPTIONS'],
    ['image', 'IMAGE_DATA'],
    ['token', 'TOKEN'],
    ['image_options', 'IMAGE_OPTIONS'],
  ] as const;

  it.each(kinds)('password %s asks a %s challenge; "correct" passes and leads to account selection', async (password, type) => {
    const { first, userGuid, memberGuid } = await verified(password);
    expect(first).toMatchObject({ connection_status: 'CHALLENGED', is_being_aggregated: true, is_authenticated: false });
    const [challenge] = first.challenges;
    expect(challenge.type).toBe(type);
    expect(challenge.guid).toMatch(/^CRD-/);
    expect(challenge.label).toEqual(expect.any(String));
    let value = 'correct';
    if (type === 'OPTIONS') value = challenge.options.find((o: { label: string }) => o.label === 'correct').value;
    if (type === 'IMAGE_OPTIONS') {
      for (const o of challenge.image_options) expect(o.data_uri).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
      value = challenge.image_options.find((o: { value: string }) => o.value === 'correct').value;
    }
    if (type === 'IMAGE_DATA') expect(Buffer.from(challenge.image_data, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const next = await answer(userGuid, memberGuid, challenge.guid, value);
    expect(next).toMatchObject({ connection_status: 'CHALLENGED', is_authenticated: true });
    expect(next.challenges[0].label).toBe('Please select an account:');
  });

  it.each([
    ['DISABLED', 'DENIED'],
    ['SERVER_ERROR', 'FAILED'],
    ['UNAVAILABLE', 'FAILED'],
    ['wrong', 'REJECTED'],
    ['incorrect', 'REJECTED'],
  ])('answer %s to an MFA challenge ends %s', async (value, outcome) => {
    const { first, userGuid, memberGuid } = await verified('challenge');
    const end = await answer(userGuid, memberGuid, first.challenges[0].guid, value);
    expect(end).toMatchObject({ connection_status: outcome, is_being_aggregated: false });
  });

  it('an unanswered challenge expires', async () => {
    const { first, userGuid, memberGuid } = await verified('options', 'mxuser', expiring);
    expect(first.connection_status).toBe('CHALLENGED');
    expect((await status(expiring, userGuid, memberGuid)).connection_status).toBe('CHALLENGED');
    expiringSandbox.advance(10 * 60 * 1000);
    expect(await status(expiring, userGuid, memberGuid)).toMatchObject({ connection_status: 'EXPIRED', is_being_aggregated: false });
    const late = await expiring.put(`/users/${userGuid}/members/${memberGuid}/resume`, { member: { challenges: [{ guid: first.challenges[0].guid, value: 'correct' }] } });
    expect(late.status).toBe(405);
  });

  it('three denials in a row leave the member PREVENTED until its credentials change', async () => {
    const { first, userGuid, memberGuid } = await verified('UNAUTHORIZED');
    const outcomes = [first.connection_status];
    for (let i = 0; i < 3; i++) {
      expect((await api.post(`/users/${userGuid}/members/${memberGuid}/verify`)).status).toBe(200);
      outcomes.push((await settle(api, userGuid, memberGuid)).connection_status);
    }
    expect(outcomes).toEqual(['DENIED', 'DENIED', 'PREVENTED', 'PREVENTED']);
    const update = await api.put(`/users/${userGuid}/members/${memberGuid}`, { member: { credentials: [{ guid: PASSWORD, value: 'correct' }], skip_aggregation: true } });
    expect(update.status).toBe(200);
    expect(update.body.member.connection_status).toBe('UPDATED');
    await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    expect((await settle(api, userGuid, memberGuid)).connection_status).toBe('CHALLENGED');
  });

  it('a wrong MFA answer that is DISABLED counts toward PREVENTED too', async () => {
    const { userGuid, memberGuid } = await verified('INVALID');
    await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    expect((await settle(api, userGuid, memberGuid)).connection_status).toBe('DENIED');
    await api.put(`/users/${userGuid}/members/${memberGuid}`, { member: { credentials: [{ guid: PASSWORD, value: 'challenge' }], skip_aggregation: true } });
    await api.post(`/users/${userGuid}/members/${memberGuid}/verify`);
    const challenged = await settle(api, userGuid, memberGuid);
    // the update reset the streak, so one DISABLED answer is a plain DENIED
    expect((await answer(userGuid, memberGuid, challenged.challenges[0].guid, 'DISABLED')).connection_status).toBe('DENIED');
  });

  it('the scenario table names every documented password', () => {
    const text = JSON.stringify(TEST_LOGINS);
    for (const word of ['challenge', 'options', 'image', 'token', 'image_options', 'BAD_REQUEST', 'UNAUTHORIZED', 'INVALID', 'LOCKED', 'DISABLED', 'SERVER_ERROR', 'UNAVAILABLE', 'mxuser_no_dda', 'mxuser_one_account', 'mx_bank_oauth', 'mxcu_oauth', 'is_hidden', '201', 'PREVENTED', 'EXPIRED', 'REJECTED']) {
      expect(text).toContain(word);
    }
    for (const row of TEST_LOGINS) expect(Object.keys(row)).toEqual(['institution', 'username', 'password', 'answers', 'outcome', 'webhooks']);
  });
});
