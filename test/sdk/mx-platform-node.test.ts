import { AccountsApi, Configuration, InstitutionsApi, MembersApi, UsersApi, WidgetsApi, type MemberStatusResponse } from 'mx-platform-node';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { loadSdkModels } from './sdk-models.js';

// Issue 10 item 6: a client nobody here wrote. MX's official Node SDK for v20111101 (mx-platform-node 2.x), unchanged,
// configured as MX's migration guide asks (its README's Accept, plus Accept-Version in the base headers), runs MX's
// IAV guide, the MFA scenarios and the error paths against the sandbox. Every response it receives is held against
// the model the SDK declares for that call (its api.d.ts, read with the TypeScript compiler).

const MX_HEADERS = { Accept: 'application/vnd.mx.api.v1+json', 'Accept-Version': 'v20111101' };
const models = loadSdkModels();
let checked = 0;

/** The API object itself, but every answer it resolves to is first held against the model the SDK declares. */
function checkedApi<T extends object>(api: T, name: string): T {
  return new Proxy(api, {
    get(target, property, receiver) {
      const original = Reflect.get(target, property, receiver) as unknown;
      if (typeof original !== 'function' || typeof property !== 'string' || property === 'constructor') return original;
      return async (...args: unknown[]) => {
        const response = (await (original as (...a: unknown[]) => Promise<{ data: unknown }>).apply(target, args)) as { data: unknown };
        const problems = models.problems(models.modelOf(name, property), response.data);
        if (problems.length > 0) throw new Error(`${name}.${property}: the answer departs from the SDK's model:\n${problems.join('\n')}`);
        checked += 1;
        return response;
      };
    },
  });
}

const sandbox = await createSandbox({ port: 0, jobMs: 0, seed: 7 });
const configuration = (password = sandbox.apiKey) =>
  new Configuration({ username: sandbox.clientId, password, basePath: sandbox.url, baseOptions: { headers: MX_HEADERS } });
const users = checkedApi(new UsersApi(configuration()), 'UsersApi');
const institutions = checkedApi(new InstitutionsApi(configuration()), 'InstitutionsApi');
const members = checkedApi(new MembersApi(configuration()), 'MembersApi');
const accounts = checkedApi(new AccountsApi(configuration()), 'AccountsApi');
const widgets = checkedApi(new WidgetsApi(configuration()), 'WidgetsApi');

afterAll(async () => {
  console.log(`mx-platform-node ${MX_HEADERS['Accept-Version']}: ${checked} responses matched the SDK's declared models`);
  await sandbox.close();
});

async function newUser(metadata: string): Promise<string> {
  const { data } = await users.createUser({ user: { metadata } });
  return data.user!.guid!;
}

async function mxBankCredentials(password: string, username = 'mxuser') {
  const { data } = await institutions.listInstitutionCredentials('mxbank');
  return data.credentials!.map((field) => ({ guid: field.guid!, value: field.field_name === 'LOGIN' ? username : password }));
}

/** Reads the status until the job rests: not aggregating, or CHALLENGED. */
async function settle(userGuid: string, memberGuid: string): Promise<MemberStatusResponse> {
  for (let read = 0; read < 200; read++) {
    const { data } = await members.readMemberStatus(memberGuid, userGuid);
    const status = data.member!;
    if (status.connection_status === 'CHALLENGED' || status.is_being_aggregated === false) return status;
  }
  throw new Error(`member ${memberGuid} never settled`);
}

/** Answers each challenge: the account-selection one with the first account, MFA with `answer`. */
async function answerAll(userGuid: string, memberGuid: string, answer: string): Promise<{ status: MemberStatusResponse; labels: string[] }> {
  const labels: string[] = [];
  let status = await settle(userGuid, memberGuid);
  for (let round = 0; status.connection_status === 'CHALLENGED' && round < 5; round++) {
    const { data } = await members.listMemberChallenges(memberGuid, userGuid);
    const challenges = data.challenges!.map((challenge) => {
      labels.push(challenge.label!);
      const selection = challenge.label === 'Please select an account:';
      return { guid: challenge.guid!, value: selection ? challenge.options![0]!.value! : answer };
    });
    await members.resumeAggregation(memberGuid, userGuid, { member: { challenges } });
    status = await settle(userGuid, memberGuid);
  }
  return { status, labels };
}

async function statusOf(promise: Promise<unknown>): Promise<{ status: number | undefined; body: unknown }> {
  const error = await promise.then(() => undefined, (e: unknown) => e as { response?: { status: number; data: unknown } });
  return { status: error?.response?.status, body: error?.response?.data };
}
const envelope = { error: { message: expect.any(String) } };

describe('the SDK model check', () => {
  it('reads the model each call declares and names every departure from it', () => {
    expect(models.modelOf('MembersApi', 'readMemberStatus')).toBe('MemberStatusResponseBody');
    expect(models.modelOf('AccountsApi', 'listAccountNumbersByMember')).toBe('AccountNumbersResponseBody');
    const member = { guid: 'MBR-1', connection_status: 'CONNECTED', is_being_aggregated: false, use_cases: ['PFM'] };
    expect(models.problems('MemberResponseBody', { member })).toEqual([]);
    expect(models.problems('MemberResponseBody', { member: { ...member, is_being_aggregated: 'no', use_cases: ['IAV'], supported_products: ['account_verification'] } })).toEqual([
      'MemberResponseBody.member.is_being_aggregated is the string "no"; declared boolean | null | undefined',
      'MemberResponseBody.member.use_cases[0] is the string "IAV"; declared MemberResponseUseCasesEnum',
      'MemberResponseBody.member.supported_products is not declared in MemberResponse',
    ]);
    expect(models.problems('ChallengesResponseBody', { challenges: [{ guid: 'CRD-1', options: { label: 'x' } }] })).toEqual([
      'ChallengesResponseBody.challenges[0].options is an object; declared OptionResponse[] | undefined',
    ]);
  });
});

describe('mx-platform-node 2.x (MX\'s SDK for v20111101) against the sandbox', () => {
  it('runs MX\'s IAV guide: user, institution, credentials, member, verify, account selection, resume, account numbers', async () => {
    const userGuid = await newUser('sdk: guide');
    expect((await users.readUser(userGuid)).data.user).toMatchObject({ guid: userGuid, metadata: 'sdk: guide' });
    const search = await institutions.listInstitutions('mx bank', undefined, 1, 10, undefined, undefined, true);
    expect(search.data.institutions!.map((i) => i.code)).toContain('mxbank');
    expect((await institutions.readInstitution('mxbank')).data.institution).toMatchObject({ code: 'mxbank', supports_account_verification: true });

    const created = await members.createMember(userGuid, { member: { institution_code: 'mxbank', credentials: await mxBankCredentials('correct'), skip_aggregation: true } });
    const memberGuid = created.data.member!.guid!;
    expect(created.data.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: false });
    expect((await members.verifyMember(memberGuid, userGuid)).data.member!.is_being_aggregated).toBe(true);

    const { status, labels } = await answerAll(userGuid, memberGuid, 'correct');
    expect(labels).toEqual(['Please select an account:']);
    expect(status).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    const numbers = (await accounts.listAccountNumbersByMember(memberGuid, userGuid)).data.account_numbers!;
    expect(numbers).toHaveLength(1);
    expect(numbers[0]).toMatchObject({ member_guid: memberGuid, user_guid: userGuid, routing_number: expect.stringMatching(/^\d{9}$/) });
    const byAccount = await accounts.listAccountNumbersByAccount(numbers[0]!.account_guid!, userGuid);
    expect(byAccount.data.account_numbers).toEqual(numbers);
    const listed = (await accounts.listMemberAccounts(userGuid, memberGuid)).data.accounts!;
    expect(listed.map((a) => a.guid)).toContain(numbers[0]!.account_guid);
    expect((await members.readMember(memberGuid, userGuid)).data.member).toMatchObject({ guid: memberGuid, connection_status: 'CONNECTED' });
    expect((await members.listMembers(userGuid)).data.members!.map((m) => m.guid)).toEqual([memberGuid]);
    expect((await users.deleteUser(MX_HEADERS.Accept, userGuid)).status).toBe(204);
  });

  it.each([
    ['challenge', 'What city were you born in?'],
    ['options', 'Select "correct"'],
    ['image', 'What do you see in this image?'],
    ['token', 'Enter the code we sent to your phone'],
    ['image_options', 'Select the image labelled "correct"'],
  ])('passes MX Bank\'s %s MFA answered "correct", then the account selection', async (password, label) => {
    const userGuid = await newUser(`sdk: ${password}`);
    const created = await members.createMember(userGuid, { member: { institution_code: 'mxbank', credentials: await mxBankCredentials(password), skip_aggregation: true } });
    const memberGuid = created.data.member!.guid!;
    await members.verifyMember(memberGuid, userGuid);
    const { status, labels } = await answerAll(userGuid, memberGuid, 'correct');
    expect(labels).toEqual([label, 'Please select an account:']);
    expect(status.connection_status).toBe('CONNECTED');
    expect((await accounts.listAccountNumbersByMember(memberGuid, userGuid)).data.account_numbers).toHaveLength(1);
  });

  it('ends a wrong MFA answer REJECTED with no account numbers', async () => {
    const userGuid = await newUser('sdk: wrong answer');
    const created = await members.createMember(userGuid, { member: { institution_code: 'mxbank', credentials: await mxBankCredentials('challenge'), skip_aggregation: true } });
    await members.verifyMember(created.data.member!.guid!, userGuid);
    const { status } = await answerAll(userGuid, created.data.member!.guid!, 'Paris');
    expect(status.connection_status).toBe('REJECTED');
  });

  it('connects an OAuth member through its window URI', async () => {
    const userGuid = await newUser('sdk: oauth');
    const created = await members.createMember(userGuid, { member: { institution_code: 'mx_bank_oauth', credentials: [], is_oauth: true, skip_aggregation: true } });
    const memberGuid = created.data.member!.guid!;
    const window = await widgets.requestOAuthWindowURI(memberGuid, userGuid, undefined, undefined, undefined, true);
    const state = new URL(window.data.member!.oauth_window_uri!).searchParams.get('state') ?? '';
    expect((await fetch(`${sandbox.url}/oauth/approve`, { method: 'POST', body: new URLSearchParams({ state }) })).status).toBe(200);
    await members.verifyMember(memberGuid, userGuid);
    expect((await answerAll(userGuid, memberGuid, 'correct')).status.connection_status).toBe('CONNECTED');
  });

  it('sees MX\'s error answers as errors with MX\'s envelope: 401, 404, 409, 400', async () => {
    const stranger = new InstitutionsApi(configuration('not-the-key'));
    expect(await statusOf(stranger.listInstitutions())).toEqual({ status: 401, body: envelope });
    expect(await statusOf(users.readUser('USR-00000000-0000-0000-0000-000000000000'))).toEqual({ status: 404, body: envelope });
    expect(await statusOf(institutions.readInstitution('no_such_bank'))).toEqual({ status: 404, body: envelope });

    const userGuid = await newUser('sdk: errors');
    expect(await statusOf(users.updateUser(userGuid, { user: {} }))).toEqual({ status: 400, body: envelope });
    const credentials = await mxBankCredentials('correct', 'mxuser_one_account');
    await members.createMember(userGuid, { member: { institution_code: 'mxbank', credentials, skip_aggregation: true } });
    const duplicate = members.createMember(userGuid, { member: { institution_code: 'mxbank', credentials, skip_aggregation: true } });
    expect(await statusOf(duplicate)).toEqual({ status: 409, body: envelope });
  });
});
