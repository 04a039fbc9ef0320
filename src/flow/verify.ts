import { VerificationError } from '../errors.js';
import type { Account, AccountNumber, Institution, Member, MemberStatus, UserCreate } from '../mx/types.js';
import { nextForSavedMember } from './decisions.js';
import { connectThroughBank } from './oauth.js';
import type { FlowDeps } from './ports.js';
import { pollToEnd, type PollOptions } from './poll.js';
import { savedMember, savedUser } from './saved-guids.js';
import { askCredentials, chooseInstitution, createMember, ensureUser, readInstitution, updateCredentials, type CreatedMember } from './setup.js';
import { hint, step } from '../next-step.js';

export interface VerifyOptions {
  institutionCode?: string;
  /** Start a new member (the user is kept); the saved member is replaced only once the new one exists. */
  startOver?: boolean;
  /** Ask for the bank credentials again and update the saved member before verifying. */
  updateCredentials?: boolean;
  /** Ask MX to verify again a member whose earlier verification connected, instead of reusing that one's numbers. */
  reverify?: boolean;
  newUser?: UserCreate;
  /** Ask a new member's create for owner identification too, where the API version can (v20250224 data_request). */
  identify?: boolean;
  timeoutMs: number;
  firstPollDelayMs: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
}

export interface VerificationResult {
  user_guid: string;
  member_guid: string;
  institution: { code: string | null; name: string | null };
  connection_status: string | null;
  successfully_aggregated_at: string | null;
  account_numbers: AccountNumber[];
  accounts: Account[];
  /** This run created the member with identity_verification in its create, so MX identified it with the verification. */
  identified_at_create?: boolean;
  /** No verification was sent: the member's earlier one had connected, and its numbers are these. */
  reused: boolean;
}

/** The whole IAV flow of MX's guide, continuing from whatever step an earlier run reached. */
export async function runVerification(deps: FlowDeps, options: VerifyOptions): Promise<VerificationResult> {
  const user = await savedUser(deps);
  const kept = user ? await keptMember(deps, options, user.guid) : null;
  let userGuid: string;
  let member: Member;
  let institution: Institution;
  let identifiedAtCreate = false;
  let reused = false;
  if (user && kept) {
    ({ userGuid, member } = { userGuid: user.guid, member: kept });
    institution = await readInstitution(deps, member.institution_code ?? '');
    reused = await continueVerification(deps, options, userGuid, member, institution);
  } else {
    // Everything a new member needs is settled before anything is created at MX.
    institution = await chooseInstitution(deps, options.institutionCode, { ignoreSaved: options.startOver });
    const credentials = await askCredentials(deps, institution);
    userGuid = user?.guid ?? (await newUser(deps, options.newUser));
    // The versions whose create starts the verification (v20250224) are those whose create takes data_request.
    const identify = options.identify === true && deps.client.version.createStartsVerification;
    const created = await createMember(deps, userGuid, institution, credentials, identify ? ['identity_verification'] : []);
    member = created.member;
    identifiedAtCreate = identify && !created.existing && created.verification === 'started';
    if (created.existing) reused = await continueVerification(deps, options, userGuid, member, institution);
    else await startNewMember(deps, options, userGuid, created, institution);
  }

  const pollOptions = pollOptionsFor(options, userGuid, member.guid, institution);
  let final: MemberStatus;
  try {
    final = await pollToEnd(deps, pollOptions);
  } catch (error) {
    if (error instanceof VerificationError) deps.store.update({ step: 'failed', last_error: error.message });
    throw error;
  }
  const result = { ...(await collectResult(deps, userGuid, member.guid, institution, final)), reused };
  return identifiedAtCreate ? { ...result, identified_at_create: true } : result;
}

/** The saved member, unless the user asked for a new one or for another institution. */
async function keptMember(deps: FlowDeps, options: VerifyOptions, userGuid: string): Promise<Member | null> {
  const member = await savedMember(deps, userGuid);
  if (!member || options.startOver) return null;
  if (options.institutionCode && member.institution_code !== options.institutionCode) return null;
  return member;
}

async function newUser(deps: FlowDeps, fields: UserCreate | undefined): Promise<string> {
  const { user, created } = await ensureUser(deps, fields);
  if (created) deps.progress.success(`Created user ${user.guid}`);
  return user.guid;
}

async function startNewMember(deps: FlowDeps, options: VerifyOptions, userGuid: string, created: CreatedMember, institution: Institution) {
  const { member, verification } = created;
  if (verification === 'product-failed') {
    const failure = new VerificationError(
      member.connection_status,
      `MX created member ${member.guid} at ${institution.name ?? institution.code}, but answered that its account verification failed to start (201).`,
      hint`The member is saved; ask MX to verify it again with: ${step('verify')}`,
      'verification_not_started',
    );
    deps.store.update({ step: 'failed', last_error: failure.message });
    throw failure;
  }
  if (member.is_oauth) {
    const start = { uri: member.oauth_window_uri ?? null, status: member.connection_status, verifiesOnApproval: verification === 'started' };
    await connectThroughBank(deps, pollOptionsFor(options, userGuid, member.guid, institution), institution, start);
  }
  // Where the create itself started the verification, a second request would collide with it (409 at MX).
  if (verification !== 'started') await startVerification(deps, userGuid, member.guid);
}

function pollOptionsFor(options: VerifyOptions, userGuid: string, memberGuid: string, institution: Institution): PollOptions {
  return {
    userGuid,
    memberGuid,
    institutionName: institution.name ?? institution.code ?? 'the institution',
    timeoutMs: options.timeoutMs,
    firstPollDelayMs: options.firstPollDelayMs,
    pollIntervalMs: options.pollIntervalMs,
    signal: options.signal,
  };
}

async function startVerification(deps: Pick<FlowDeps, 'client' | 'store' | 'progress'>, userGuid: string, memberGuid: string) {
  const { alreadyRunning } = await deps.client.verifyMember(userGuid, memberGuid);
  deps.store.update({ step: 'verifying' });
  deps.progress.info(alreadyRunning ? 'A verification was already running; following it' : 'Verification started');
}

/** Acts on the decision for a member an earlier run left (decisions.ts nextForSavedMember); true: its result is reused. */
async function continueVerification(deps: FlowDeps, options: VerifyOptions, userGuid: string, member: Member, institution: Institution): Promise<boolean> {
  const status = await deps.client.readMemberStatus(userGuid, member.guid);
  deps.progress.info(`Continuing with member ${member.guid} (${status.connection_status ?? 'no status yet'})`);
  const action = nextForSavedMember({
    isOauth: member.is_oauth === true,
    status,
    step: deps.store.read().step,
    reenter: options.updateCredentials === true,
  });
  if (action === 'follow') return false;
  if (action === 'collect' && !options.reverify) return true;
  if (action === 'sign-in') {
    const poll = pollOptionsFor(options, userGuid, member.guid, institution);
    await connectThroughBank(deps, poll, institution, { uri: null, status: status.connection_status });
  }
  if (action === 'update-credentials') await updateCredentials(deps, userGuid, member, institution);
  await startVerification(deps, userGuid, member.guid);
  return false;
}

export async function collectResult(
  deps: Pick<FlowDeps, 'client' | 'store' | 'progress'>,
  userGuid: string,
  memberGuid: string,
  institution: Institution,
  final: MemberStatus,
): Promise<Omit<VerificationResult, 'reused'>> {
  const accountNumbers = await deps.client.listAccountNumbersByMember(userGuid, memberGuid);
  const name = institution.name ?? institution.code ?? 'The institution';
  if (accountNumbers.length === 0) {
    deps.store.update({ step: 'done' });
    throw new VerificationError(
      'CONNECTED',
      `${name} connected, but none of its accounts is eligible for verification (only checking and savings accounts are).`,
      hint`Try another login or institution: ${step('verify', { new: true })}`,
      'no_eligible_accounts',
    );
  }
  const accounts = await deps.client.listMemberAccounts(userGuid, memberGuid);
  deps.store.update({ step: 'done' });
  deps.progress.success(`Verified at ${name}`);
  return {
    user_guid: userGuid,
    member_guid: memberGuid,
    institution: { code: institution.code, name: institution.name },
    connection_status: final.connection_status,
    successfully_aggregated_at: final.successfully_aggregated_at,
    account_numbers: accountNumbers,
    accounts,
  };
}
