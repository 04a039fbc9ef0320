import { AccountsApi, Configuration, InstitutionsApi, MembersApi, UsersApi } from 'mx-platform-node';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { loadSdkModels } from './sdk-models.js';

// Issue 18: MX's Node SDK (mx-platform-node 2.x, v20111101), unchanged, runs Account Owner Identification and a
// balance check against the sandbox; each answer is held against the model the SDK declares for the call.

const MX_HEADERS = { Accept: 'application/vnd.mx.api.v1+json', 'Accept-Version': 'v20111101' };
const models = loadSdkModels();
const sandbox = await createSandbox({ port: 0, jobMs: 0, seed: 3 });
const configuration = new Configuration({ username: sandbox.clientId, password: sandbox.apiKey, basePath: sandbox.url, baseOptions: { headers: MX_HEADERS } });
const users = new UsersApi(configuration);
const institutions = new InstitutionsApi(configuration);
const members = new MembersApi(configuration);
const accounts = new AccountsApi(configuration);

afterAll(async () => {
  await sandbox.close();
});

/** The answer's data, once it matches the model the SDK declares for `api.method`. */
function declared<T>(api: string, method: string, response: { data: T }): T {
  expect(models.problems(models.modelOf(api, method), response.data), `${api}.${method}`).toEqual([]);
  return response.data;
}

async function settled(memberGuid: string, userGuid: string): Promise<string | null | undefined> {
  for (let read = 0; read < 200; read++) {
    const status = declared('MembersApi', 'readMemberStatus', await members.readMemberStatus(memberGuid, userGuid)).member!;
    if (status.connection_status === 'CHALLENGED' || status.is_being_aggregated === false) return status.connection_status;
  }
  throw new Error(`member ${memberGuid} never settled`);
}

describe('mx-platform-node: identifyMember, listAccountOwnersByMember, checkBalances against the sandbox', () => {
  it('knows the models the SDK declares for the three calls', () => {
    expect(models.modelOf('AccountsApi', 'listAccountOwnersByMember')).toBe('AccountOwnersResponseBody');
    expect(models.modelOf('MembersApi', 'identifyMember')).toBe('MemberResponseBody');
    expect(models.modelOf('MembersApi', 'checkBalances')).toBe('MemberResponseBody');
  });

  it('identifies the owner of an MX Bank member and checks its balances', async () => {
    const userGuid = declared('UsersApi', 'createUser', await users.createUser({ user: { metadata: 'sdk: owner and balance' } })).user!.guid!;
    const fields = declared('InstitutionsApi', 'listInstitutionCredentials', await institutions.listInstitutionCredentials('mxbank')).credentials!;
    const credentials = fields.map((field) => ({ guid: field.guid!, value: field.field_name === 'LOGIN' ? 'mxuser_one_account' : 'correct' }));
    const created = await members.createMember(userGuid, { member: { institution_code: 'mxbank', credentials, skip_aggregation: true } });
    const memberGuid = declared('MembersApi', 'createMember', created).member!.guid!;
    await members.verifyMember(memberGuid, userGuid);
    expect(await settled(memberGuid, userGuid)).toBe('CONNECTED');

    const identify = await members.identifyMember(memberGuid, userGuid);
    expect(identify.status).toBe(202);
    expect(declared('MembersApi', 'identifyMember', identify).member!.guid).toBe(memberGuid);
    expect(await settled(memberGuid, userGuid)).toBe('CONNECTED');
    const owners = declared('AccountsApi', 'listAccountOwnersByMember', await accounts.listAccountOwnersByMember(memberGuid, userGuid, 1, 25));
    expect(owners.account_owners!.map((owner) => owner.owner_name)).toContain('Josh Smith');
    expect(owners.account_owners![0]).toMatchObject({ member_guid: memberGuid, user_guid: userGuid, guid: expect.stringMatching(/^ACO-/) });
    expect(owners.pagination).toMatchObject({ current_page: 1, per_page: 25 });

    const check = await members.checkBalances(memberGuid, userGuid);
    expect(check.status).toBe(202);
    declared('MembersApi', 'checkBalances', check);
    expect(await settled(memberGuid, userGuid)).toBe('CONNECTED');
    const listed = declared('AccountsApi', 'listMemberAccounts', await accounts.listMemberAccounts(userGuid, memberGuid)).accounts!;
    const checking = listed.find((account) => account.type === 'CHECKING');
    expect(checking).toMatchObject({ available_balance: 980.15, balance: 980.15, updated_at: expect.stringMatching(/Z$/) });
  });
});
