import { isEligible } from './accounts.js';
import { mfaChallenge, selectionChallenge } from './challenges.js';
import type { Random } from './random.js';
import { answerOutcome, loginOutcome } from './test-logins.js';
import type { ConnectionStatus, JobKind, JobStep, StoredMember } from './types.js';

// Plans are decided when a job starts or resumes and stored whole, so progress is a function of elapsed time
// alone and survives a restart of the process.

function step(status: ConnectionStatus, aggregating: boolean, authenticated: boolean, extra: Partial<JobStep> = {}): JobStep {
  return { status, aggregating, authenticated, ...extra };
}

/** MX: credentials that fail three times in a row leave the member PREVENTED; the third failure reports it. */
function denial(member: StoredMember): ConnectionStatus {
  return member.consecutiveDenials + 1 >= 3 ? 'PREVENTED' : 'DENIED';
}

function failure(member: StoredMember, status: ConnectionStatus, authenticated: boolean): JobStep {
  return step(status === 'DENIED' ? denial(member) : status, false, authenticated);
}

/**
 * Once logged in: an aggregation just finishes; a verification asks MX's account-selection challenge when more
 * than one CHECKING/SAVINGS account exists, verifies the only one directly, or (none) ends CONNECTED with nothing
 * to verify, as MX's IAV guide describes.
 */
function afterLogin(kind: JobKind, member: StoredMember, random: Random): JobStep[] {
  const connecting = step('CONNECTED', true, true);
  // Only verification picks an account; identification and balance checks cover every account, as aggregation.
  if (kind !== 'verification') return [connecting, step('CONNECTED', false, true)];
  const eligible = member.accounts.filter(isEligible);
  if (eligible.length > 1) {
    return [connecting, step('CHALLENGED', true, true, { challenges: [selectionChallenge(eligible, random)] })];
  }
  return [connecting, step('CONNECTED', false, true, { verifiedAccounts: eligible.map((a) => a.guid) })];
}

export function planJob(kind: JobKind, first: ConnectionStatus, member: StoredMember, random: Random): JobStep[] {
  if (member.is_oauth) return [step(first, true, true), ...afterLogin(kind, member, random)];
  const start = step(first, true, false);
  if (member.consecutiveDenials >= 3) return [start, step('PREVENTED', false, false)];
  const outcome = loginOutcome(member.scenario);
  switch (outcome.kind) {
    case 'error':
      return [start, failure(member, outcome.status, false)];
    case 'mfa':
      return [start, step('CHALLENGED', true, false, { challenges: [mfaChallenge(outcome.challenge, random)] })];
    case 'success':
      return [start, ...afterLogin(kind, member, random)];
  }
}

/** Judges the answers to the member's current challenge and plans the rest of the job. */
export function planResume(kind: JobKind, member: StoredMember, answers: Map<string, string>, random: Random): JobStep[] {
  const challenge = member.challenges?.[0];
  const value = (challenge?.guid && answers.get(challenge.guid)) ?? '';
  if (challenge?.purpose === 'selection') {
    const resumed = step('RESUMED', true, true);
    const chosen = member.accounts.find((a) => isEligible(a) && a.selectionValue === value);
    // An answer that matches no offered account is treated like a wrong MFA answer. [unconfirmed for MX]
    if (!chosen) return [resumed, step('REJECTED', false, true)];
    return [resumed, step('CONNECTED', false, true, { verifiedAccounts: [chosen.guid] })];
  }
  const resumed = step('RESUMED', true, false);
  const outcome = answerOutcome(value);
  if (outcome === 'CONNECTED') return [resumed, ...afterLogin(kind, member, random)];
  return [resumed, failure(member, outcome, false)];
}
