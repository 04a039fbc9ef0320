import { expect } from 'vitest';
import type { MxClient } from '../../src/mx/client.js';
import { MxApiError } from '../../src/mx/errors.js';
import { MX_BANK_ERROR_PASSWORDS } from '../helpers/mx-bank.js';
import { runVerification, settle, verifyExisting, type RunInput } from '../mx/verify-run.js';

// Every sandbox scenario, driven through the real client so the recording covers what the CLI will send.

interface Case extends RunInput {
  name: string;
  final: string;
  numbers?: number;
}

const MFA_KINDS = ['challenge', 'options', 'image', 'token', 'image_options'];

export const VERIFY_CASES: Case[] = [
  { name: 'guide flow (account selection)', institution: 'mxbank', password: 'correct', final: 'CONNECTED', numbers: 1 },
  { name: 'one eligible account', institution: 'mxbank', username: 'mxuser_one_account', final: 'CONNECTED', numbers: 1 },
  { name: 'no eligible accounts', institution: 'mxbank', username: 'mxuser_no_dda', final: 'CONNECTED', numbers: 0 },
  { name: 'PIN institution', institution: 'evergreen_fcu', final: 'CONNECTED', numbers: 1 },
  ...MX_BANK_ERROR_PASSWORDS.map(([password, final]) => ({ name: `password ${password}`, institution: 'mxbank', password, final })),
  ...MFA_KINDS.map((password) => ({ name: `${password} answered`, institution: 'mxbank', password, answers: ['correct'], final: 'CONNECTED', numbers: 1 })),
  { name: 'wrong MFA answer', institution: 'mxbank', password: 'challenge', answers: ['Paris'], final: 'REJECTED' },
  { name: 'MFA answer DISABLED', institution: 'mxbank', password: 'options', answers: ['DISABLED'], final: 'DENIED' },
  { name: 'MFA answer SERVER_ERROR', institution: 'mxbank', password: 'image', answers: ['SERVER_ERROR'], final: 'FAILED' },
];

export async function driveVerifications(client: MxClient, limit = VERIFY_CASES.length): Promise<void> {
  for (const c of VERIFY_CASES.slice(0, limit)) {
    // One user per case: MX refuses a second member with the same institution and credentials (409).
    const user = await client.createUser({ metadata: `contract: ${c.name}` });
    const run = await runVerification(client, user.guid, c);
    expect(run.final.connection_status, c.name).toBe(c.final);
    if (c.numbers !== undefined) expect(run.accountNumbers, c.name).toHaveLength(c.numbers);
    if (c.numbers) {
      const accountGuid = run.accountNumbers[0]?.account_guid ?? '';
      await client.listAccountNumbersByAccount(user.guid, accountGuid);
      await client.listMemberAccounts(user.guid, run.memberGuid);
    }
  }
}

/** OAuth: the window URI, the bank page's Approve/Deny (a browser's job, done here with fetch), then verify. */
export async function driveOAuth(client: MxClient, sandboxUrl: string): Promise<void> {
  const user = await client.createUser({ metadata: 'contract: oauth' });
  for (const decision of ['approve', 'deny'] as const) {
    const member = await client.createMember(user.guid, { institution_code: 'mx_bank_oauth', credentials: [], is_oauth: true, skip_aggregation: true });
    expect(member.connection_status).toBe('PENDING');
    const window = await client.requestOAuthWindowUri(user.guid, member.guid);
    const state = new URL(window.oauth_window_uri ?? '').searchParams.get('state') ?? '';
    const page = await fetch(`${sandboxUrl}/oauth/${decision}`, { method: 'POST', body: new URLSearchParams({ state }) });
    expect(page.status).toBe(200);
    if (decision === 'approve') {
      const run = await verifyExisting(client, user.guid, member.guid, {});
      expect(run.final.connection_status).toBe('CONNECTED');
    } else {
      expect((await settle(client, user.guid, member.guid)).connection_status).toBe('DENIED');
      await expectStatus(client.verifyMember(user.guid, member.guid), 405);
    }
  }
}

export async function driveUsersAndPaging(client: MxClient): Promise<void> {
  const created = [];
  for (let i = 0; i < 12; i++) created.push(await client.createUser({ email: `paging${i}@example.com`, id: `contract-user-${i}` }));
  expect((await client.listUsers({ id: 'contract-user-3' })).items.map((u) => u.guid)).toEqual([created[3]?.guid]);
  expect((await client.listUsers({ email: 'paging7@example.com' })).items.map((u) => u.guid)).toEqual([created[7]?.guid]);
  let users = 0;
  for await (const _ of client.paginate((q) => client.listUsers(q), 10)) users += 1;
  expect(users).toBeGreaterThanOrEqual(12);
  const codes = [];
  for await (const institution of client.paginate((q) => client.listInstitutions(q), 10)) codes.push(institution.code);
  expect(codes.length).toBeGreaterThan(10);
  expect(new Set(codes).size).toBe(codes.length);
  const search = await client.listInstitutions({ name: 'mx bank', supports_account_verification: true, records_per_page: 10 });
  expect(search.items.map((i) => i.code)).toContain('mxbank');
  await client.readInstitution('mxbank');

  const user = created[0]!;
  await client.readUser(user.guid);
  await client.updateUser(user.guid, { metadata: 'updated' });
  const fields = await client.listInstitutionCredentials('mxbank');
  const credentials = fields.map((f) => ({ guid: f.guid ?? '', value: f.field_name === 'LOGIN' ? 'mxuser' : 'correct' }));
  const member = await client.createMember(user.guid, { institution_code: 'mxbank', credentials, metadata: 'aggregates' });
  await client.readMember(user.guid, member.guid);
  await client.listMembers(user.guid, { page: 1, records_per_page: 10 });
  await client.updateMember(user.guid, member.guid, { metadata: 'renamed' });
  await client.deleteMember(user.guid, member.guid);
  await client.deleteUser(created[11]!.guid);
}

/** MX's documented error answers, each through the client. */
export async function driveErrors(client: MxClient, wrongKeyClient: MxClient): Promise<void> {
  const user = await client.createUser({ metadata: 'contract: errors' });
  const other = await client.createUser({ metadata: 'contract: someone else' });
  await expectStatus(client.readUser('USR-00000000-0000-0000-0000-000000000000'), 404);
  await expectStatus(client.readInstitution('no_such_bank'), 404);
  await expectStatus(client.listInstitutionCredentials('no_such_bank'), 404);
  await expectStatus(client.updateUser(user.guid, {}), 400);
  const run = await runVerification(client, user.guid, { institution: 'mxbank', username: 'mxuser_one_account' });
  await expectStatus(client.readMember(other.guid, run.memberGuid), 404);
  await expectStatus(client.resumeAggregation(user.guid, run.memberGuid, [{ guid: 'CRD-x', value: 'correct' }]), 405);
  await expectStatus(client.listMemberChallenges(user.guid, run.memberGuid).then((c) => expect(c).toEqual([])), null);
  const fields = await client.listInstitutionCredentials('harborview_brokerage');
  const credentials = fields.map((f) => ({ guid: f.guid ?? '', value: 'x' }));
  const broker = await client.createMember(user.guid, { institution_code: 'harborview_brokerage', credentials, skip_aggregation: true });
  await expectStatus(client.verifyMember(user.guid, broker.guid), 400);
  await expectStatus(client.createMember(user.guid, { institution_code: 'harborview_brokerage', credentials, skip_aggregation: true }), 409);
  await expectStatus(wrongKeyClient.listInstitutions(), 401);
}

/** Needs a sandbox whose jobs take long: a second verify attaches (202); verify during aggregation is 409. */
export async function driveRunningJobs(client: MxClient): Promise<void> {
  const user = await client.createUser({ metadata: 'contract: running jobs' });
  const fields = await client.listInstitutionCredentials('mxbank');
  const credentials = (password: string) => fields.map((f) => ({ guid: f.guid ?? '', value: f.field_name === 'LOGIN' ? 'mxuser' : password }));
  const quiet = await client.createMember(user.guid, { institution_code: 'mxbank', credentials: credentials('a'), skip_aggregation: true });
  expect((await client.verifyMember(user.guid, quiet.guid)).alreadyRunning).toBe(false);
  expect((await client.verifyMember(user.guid, quiet.guid)).alreadyRunning).toBe(true);
  const aggregating = await client.createMember(user.guid, { institution_code: 'mxbank', credentials: credentials('b') });
  await expectStatus(client.verifyMember(user.guid, aggregating.guid), 409);
}

async function expectStatus(promise: Promise<unknown>, status: number | null): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (status === null) return void expect(error).toBeNull();
  expect(error).toBeInstanceOf(MxApiError);
  expect((error as MxApiError).status).toBe(status);
}
