import type { MxApi } from '../../src/mx/api.js';
import type { AccountNumber, Challenge, Member, MemberCreate, MemberStatus } from '../../src/mx/types.js';

// A minimal IAV flow on the client alone (the real state machine lives in src/flow): create member, verify (where the
// create did not start it), poll,
// answer challenges, poll, list numbers. Used by the sandbox integration tests and to drive contract coverage.

export interface RunInput {
  institution: string;
  username?: string;
  password?: string;
  /** Answers for MFA challenges, in order; "correct" once they run out. Account selection takes `select`. */
  answers?: string[];
  /** Index of the offered account to pick in the account-selection challenge. */
  select?: number;
}

export interface RunResult {
  memberGuid: string;
  final: MemberStatus;
  challenges: Challenge[];
  accountNumbers: AccountNumber[];
}

const isAccountSelection = (challenge: Challenge): boolean => challenge.label === 'Please select an account:';

/**
 * Reads the status until the job rests: not aggregating, or CHALLENGED (waiting for answers). Against a sandbox
 * with jobMs 0 each read brings the job to its next stop, so no read waits for time to pass.
 */
export async function settle(client: MxApi, userGuid: string, memberGuid: string): Promise<MemberStatus> {
  for (let poll = 0; poll < 50; poll++) {
    const status = await client.readMemberStatus(userGuid, memberGuid);
    if (status.connection_status === 'CHALLENGED' || status.is_being_aggregated === false) return status;
  }
  throw new Error(`member ${memberGuid} never settled (is the sandbox's jobMs 0?)`);
}

export async function runVerification(client: MxApi, userGuid: string, input: RunInput): Promise<RunResult> {
  const fields = await client.listInstitutionCredentials(input.institution);
  const credentials = [...fields]
    .sort((a, b) => (a.display_order ?? 0) - (b.display_order ?? 0))
    .map((field) => ({
      guid: field.guid ?? '',
      value: field.field_name === 'LOGIN' ? (input.username ?? 'mxuser') : field.field_name === 'PASSWORD' ? (input.password ?? 'correct') : '1234',
    }));
  const member = await startVerifying(client, userGuid, { institution_code: input.institution, credentials });
  return follow(client, userGuid, member.guid, input);
}

/**
 * A new member being verified, the way the client's API version asks for it: v20250224's create starts the
 * verification itself (a verify then would collide with it), v20111101's create is quiet and verify starts it.
 */
export async function startVerifying(client: MxApi, userGuid: string, fields: MemberCreate): Promise<Member> {
  const { member, verification } = await client.createMemberForVerification(userGuid, fields);
  if (verification !== 'started') await client.verifyMember(userGuid, member.guid);
  return member;
}

export async function verifyExisting(client: MxApi, userGuid: string, memberGuid: string, input: Omit<RunInput, 'institution'>): Promise<RunResult> {
  await client.verifyMember(userGuid, memberGuid);
  return follow(client, userGuid, memberGuid, input);
}

async function follow(client: MxApi, userGuid: string, memberGuid: string, input: Omit<RunInput, 'institution'>): Promise<RunResult> {
  const answers = [...(input.answers ?? [])];
  const seen: Challenge[] = [];
  let status = await settle(client, userGuid, memberGuid);
  for (let round = 0; status.connection_status === 'CHALLENGED' && round < 10; round++) {
    const challenges = await client.listMemberChallenges(userGuid, memberGuid);
    seen.push(...challenges);
    const replies = challenges.map((challenge) => ({
      guid: challenge.guid ?? '',
      value: isAccountSelection(challenge) ? (challenge.options?.[input.select ?? 0]?.value ?? '') : (answers.shift() ?? 'correct'),
    }));
    await client.resumeAggregation(userGuid, memberGuid, replies);
    status = await settle(client, userGuid, memberGuid);
  }
  const connected = status.connection_status === 'CONNECTED';
  const accountNumbers = connected ? await client.listAccountNumbersByMember(userGuid, memberGuid) : [];
  return { memberGuid, final: status, challenges: seen, accountNumbers };
}
