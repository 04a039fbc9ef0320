import { describe, expect, it } from 'vitest';
import { createMxBankMember, createUser, LOGIN, mx, PASSWORD, settle, startSandbox } from './helpers.js';

describe('members', async () => {
  const sandbox = await startSandbox();
  const api = mx(sandbox);
  const userGuid = await createUser(api, { id: 'member-tests' });
  const members = `/users/${userGuid}/members`;
  const both = (user: string, pass: string) => [{ guid: LOGIN, value: user }, { guid: PASSWORD, value: pass }];

  it.each([
    ['no member object', {}],
    ['no institution_code', { member: { credentials: both('mxuser', 'a') } }],
    ['no credentials', { member: { institution_code: 'mxbank' } }],
    ['a missing credential', { member: { institution_code: 'mxbank', credentials: [{ guid: LOGIN, value: 'mxuser' }] } }],
    ['a credential given twice', { member: { institution_code: 'mxbank', credentials: [...both('mxuser', 'a'), { guid: PASSWORD, value: 'b' }] } }],
    ['a foreign credential guid', { member: { institution_code: 'mxbank', credentials: [{ guid: LOGIN, value: 'mxuser' }, { guid: 'CRD-nope', value: 'x' }] } }],
    ['a blank value', { member: { institution_code: 'mxbank', credentials: both('mxuser', '  ') } }],
    ['OAuth at a non-OAuth bank', { member: { institution_code: 'mxbank', is_oauth: true, credentials: [] } }],
  ])('rejects %s with 400', async (_name, body) => {
    const res = await api.post(members, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toEqual(expect.any(String));
  });

  it('404s for an unknown institution or user', async () => {
    expect((await api.post(members, { member: { institution_code: 'nope', credentials: [] } })).status).toBe(404);
    expect((await api.post('/users/USR-nope/members', { member: { institution_code: 'mxbank', credentials: both('a', 'b') } })).status).toBe(404);
  });

  it('creates with aggregation (202, CREATED, aggregating) and refuses the same credentials again with 409', async () => {
    const res = await api.post(members, { member: { institution_code: 'mxbank', credentials: both('mxuser', 'dup'), id: 'm-1', metadata: 'meta' } });
    expect(res.status).toBe(202);
    expect(res.body.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true, id: 'm-1', metadata: 'meta', is_oauth: false, oauth_window_uri: null, institution_code: 'mxbank' });
    expect(res.body.member.institution_guid).toMatch(/^INS-/);
    const again = await api.post(members, { member: { institution_code: 'mxbank', credentials: both('mxuser', 'dup'), skip_aggregation: true } });
    expect(again.status).toBe(409);
    const otherPassword = await api.post(members, { member: { institution_code: 'mxbank', credentials: both('mxuser', 'dup2'), id: 'm-1' } });
    expect(otherPassword.status).toBe(202);
    expect(sandbox.stats().duplicate_member_ids).toBe(2);
    expect(await settle(api, userGuid, res.body.member.guid)).toMatchObject({ connection_status: 'CONNECTED', has_processed_accounts: true });
  });

  it('takes three credentials where the institution needs them', async () => {
    const creds = (await api.get('/institutions/evergreen_fcu/credentials')).body.credentials;
    const values = creds.map((c: { guid: string; field_name: string }) => ({ guid: c.guid, value: c.field_name === 'PASSWORD' ? 'challenge' : '1234' }));
    expect((await api.post(members, { member: { institution_code: 'evergreen_fcu', credentials: values.slice(0, 2) } })).status).toBe(400);
    const res = await api.post(members, { member: { institution_code: 'evergreen_fcu', credentials: values, skip_aggregation: true } });
    expect(res.status).toBe(200);
    await api.post(`${members}/${res.body.member.guid}/verify`);
    expect((await settle(api, userGuid, res.body.member.guid)).challenges[0].type).toBe('TEXT');
    const listed = await api.get(`${members}/${res.body.member.guid}/credentials`);
    expect(listed.body.credentials).toHaveLength(3);
  });

  it('reads, lists with pagination, updates and deletes', async () => {
    const guid = await createMxBankMember(api, userGuid, 'mxuser', 'rud');
    expect((await api.get(`${members}/${guid}`)).body.member.guid).toBe(guid);
    const list = await api.get(`${members}?records_per_page=10`);
    expect(list.body.pagination).toMatchObject({ per_page: 10, current_page: 1 });
    expect(list.body.members.map((m: { guid: string }) => m.guid)).toContain(guid);
    expect((await api.put(`${members}/${guid}`, { member: {} })).status).toBe(400);
    expect((await api.put(`${members}/${guid}`, {})).status).toBe(400);
    const meta = await api.put(`${members}/${guid}`, { member: { metadata: 'x' } });
    expect(meta.status).toBe(200);
    expect(meta.body.member).toMatchObject({ metadata: 'x', connection_status: 'CREATED', is_being_aggregated: false });
    const creds = await api.put(`${members}/${guid}`, { member: { credentials: [{ guid: PASSWORD, value: 'LOCKED' }] } });
    expect(creds.body.member).toMatchObject({ connection_status: 'UPDATED', is_being_aggregated: true });
    expect((await settle(api, userGuid, guid)).connection_status).toBe('LOCKED');
    expect((await api.put(`${members}/${guid}`, { member: { credentials: [{ guid: 'CRD-x', value: 'y' }] } })).status).toBe(400);
    const deleted = await api.del(`${members}/${guid}`);
    expect(deleted.status).toBe(204);
    expect((await api.get(`${members}/${guid}`)).status).toBe(404);
    expect((await api.get(`${members}/${guid}/status`)).status).toBe(404);
  });

  it('answers 204 to challenges and 405 to resume when not CHALLENGED; 400 to a foreign challenge guid', async () => {
    const guid = await createMxBankMember(api, userGuid, 'mxuser', 'token');
    const challenges = await api.get(`${members}/${guid}/challenges`);
    expect(challenges.status).toBe(204);
    expect(challenges.text).toBe('');
    const early = await api.put(`${members}/${guid}/resume`, { member: { challenges: [{ guid: 'CRD-x', value: 'correct' }] } });
    expect(early.status).toBe(405);
    await api.post(`${members}/${guid}/verify`);
    await settle(api, userGuid, guid);
    expect((await api.put(`${members}/${guid}/resume`, { member: { challenges: [{ guid: 'CRD-x', value: 'correct' }] } })).status).toBe(400);
    expect((await api.put(`${members}/${guid}/resume`, { member: { challenges: [] } })).status).toBe(400);
    expect((await api.get(`${members}/${guid}/status`)).body.member.connection_status).toBe('CHALLENGED');
  });

  it('refuses verification at an institution without it', async () => {
    const creds = (await api.get('/institutions/harborview_brokerage/credentials')).body.credentials;
    const res = await api.post(members, { member: { institution_code: 'harborview_brokerage', skip_aggregation: true, credentials: creds.map((c: { guid: string }) => ({ guid: c.guid, value: 'v' })) } });
    const verify = await api.post(`${members}/${res.body.member.guid}/verify`);
    expect(verify.status).toBe(400);
    expect(verify.body).toEqual({ error: { message: "Member's institution does not support instant account verification." } });
  });
});
