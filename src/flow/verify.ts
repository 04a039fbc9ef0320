import { VerificationError } from '../errors.js';
import type { Account, AccountNumber, Institution, Member, MemberStatus, UserCreate } from '../mx/types.js';
import { connectThroughBank, needsBankSignIn } from './oauth.js';
import type { FlowDeps } from './ports.js';
import { pollToEnd, type PollOptions } from './poll.js';
import { savedMember } from './saved-guids.js';
import { chooseInstitution, createMember, ensureUser, readInstitution, updateCredentials } from './setup.js';
import { CREDENTIAL_STATUSES } from '../domain/statuses.js';

export interface VerifyOptions {
  institutionCode?: string;
  /** Forget the saved member and institution (the user is kept) and start a new verification. */
  startOver?: boolean;
  /** Ask for the bank credentials again and update the saved member before verifying. */
  updateCredentials?: boolean;
  newUser?: UserCreate;
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
}

/** The whole IAV flow of MX's guide, continuing from whatever step an earlier run reached. */
export async function runVerification(deps: FlowDeps, options: VerifyOptions): Promise<VerificationResult> {
  if (options.startOver) deps.store.forget(['member_guid', 'institution_code', 'step', 'history', 'last_error']);
  const userGuid = await ensureUser(deps, options.newUser);
  let member = await savedMember(deps, userGuid);
  if (member && options.institutionCode && member.institution_code !== options.institutionCode) member = null;

  let institution: Institution;
  if (member) {
    institution = await readInstitution(deps, member.institution_code ?? '');
    await continueVerification(deps, options, userGuid, member, institution);
  } else {
    institution = await chooseInstitution(deps, options.institutionCode);
    member = await createMember(deps, userGuid, institution);
    if (member.is_oauth) {
      const start = { uri: member.oauth_window_uri ?? null, status: member.connection_status };
      await connectThroughBank(deps, pollOptionsFor(options, userGuid, member.guid, institution), institution, start);
    }
    await startVerification(deps, userGuid, member.guid);
  }

  const pollOptions = pollOptionsFor(options, userGuid, member.guid, institution);
  let final: MemberStatus;
  try {
    final = await pollToEnd(deps, pollOptions);
  } catch (error) {
    if (error instanceof VerificationError) deps.store.update({ step: 'failed', last_error: error.message });
    throw error;
  }
  return collectResult(deps, userGuid, member.guid, institution, final);
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

/** Decides, from the saved member's status at MX, whether to answer, follow, re-verify or just report. */
async function continueVerification(
  deps: FlowDeps,
  options: VerifyOptions,
  userGuid: string,
  member: Member,
  institution: Institution,
) {
  const status = await deps.client.readMemberStatus(userGuid, member.guid);
  const connection = status.connection_status;
  const step = deps.store.read().step;
  deps.progress.info(`Continuing with member ${member.guid} (${connection ?? 'no status yet'})`);
  if (connection === 'CHALLENGED' || status.is_being_aggregated) return;
  if (needsBankSignIn(member, status, options.updateCredentials === true)) {
    const poll = pollOptionsFor(options, userGuid, member.guid, institution);
    await connectThroughBank(deps, poll, institution, { uri: null, status: connection });
    return startVerification(deps, userGuid, member.guid);
  }
  const needsCredentials = options.updateCredentials || (connection !== null && CREDENTIAL_STATUSES.has(connection));
  if (needsCredentials) {
    await updateCredentials(deps, userGuid, member, institution);
  } else if (connection === 'CONNECTED' && (step === 'done' || step === 'verifying' || step === 'challenged')) {
    return;
  }
  await startVerification(deps, userGuid, member.guid);
}

async function collectResult(
  deps: FlowDeps,
  userGuid: string,
  memberGuid: string,
  institution: Institution,
  final: MemberStatus,
): Promise<VerificationResult> {
  const accountNumbers = await deps.client.listAccountNumbersByMember(userGuid, memberGuid);
  const name = institution.name ?? institution.code ?? 'The institution';
  if (accountNumbers.length === 0) {
    deps.store.update({ step: 'done' });
    throw new VerificationError(
      'CONNECTED',
      `${name} connected, but none of its accounts is eligible for verification (only checking and savings accounts are).`,
      'Try another login or institution: mx-iav verify --new',
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
