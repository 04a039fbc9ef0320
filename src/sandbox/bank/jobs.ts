import { withCheckDigit } from '../../domain/aba.js';
import { applyPaymentResults } from './balances.js';
import { findInstitution } from './institutions.js';
import type { Random } from './random.js';
import { statusMessage } from './test-logins.js';
import type { ConnectionStatus, JobKind, JobStep, SandboxState, StoredJob, StoredMember } from './types.js';

/** One applied step, told as it is applied (not when someone reads it), so webhooks follow the member's real timeline. */
export interface StepNotice {
  member: StoredMember;
  from: ConnectionStatus;
  step: JobStep;
  at: number;
  /** The job this step ended, if it ended one. */
  finished: StoredJob | null;
}

export interface Engine {
  state: SandboxState;
  random: Random;
  jobMs: number;
  challengeExpiryMs: number;
  now(): number;
  onStep?(notice: StepNotice): void;
}

const HISTORY_LIMIT = 200;

/** MX timestamps carry whole seconds: "2020-05-07T22:01:25Z". */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function startJob(engine: Engine, member: StoredMember, kind: JobKind, steps: JobStep[], atCreate = false): void {
  const now = engine.now();
  member.job = { guid: engine.random.guid('JOB'), kind, segmentStart: now, steps, applied: -1, ended: false, ...(atCreate ? { atCreate } : {}) };
  // MX resets these flags whenever a job starts.
  member.has_processed_accounts = false;
  member.has_processed_account_numbers = false;
  member.has_processed_transactions = false;
  engine.state.jobsStarted += 1;
  advanceTo(engine, member, 0, now);
}

/** A resume keeps the job and replaces the rest of its plan, timed from now. */
export function resumeJob(engine: Engine, member: StoredMember, steps: JobStep[]): void {
  const job = member.job;
  if (!job) throw new Error('resume without a job');
  const now = engine.now();
  Object.assign(job, { segmentStart: now, steps, applied: -1, ended: false });
  advanceTo(engine, member, 0, now);
}

export function isRunning(member: StoredMember): boolean {
  return member.job !== null && !member.job.ended;
}

/**
 * Brings a member up to date with the clock. Each step due since the last read is applied with the time it was
 * due, so timestamps and the status history do not depend on when anyone looked. jobMs 0 reaches the next
 * stopping point at once. Returns whether anything changed (the caller persists).
 */
export function settle(engine: Engine, member: StoredMember): boolean {
  const job = member.job;
  if (!job || job.ended) return false;
  const last = job.steps.length - 1;
  const now = engine.now();
  const due = engine.jobMs <= 0 ? last : Math.min(last, Math.floor((now - job.segmentStart) / engine.jobMs));
  const before = job.applied;
  advanceTo(engine, member, due, now);
  if (job.applied === last && member.connection_status === 'CHALLENGED') {
    const expiresAt = job.segmentStart + last * Math.max(engine.jobMs, 0) + engine.challengeExpiryMs;
    if (now >= expiresAt) {
      applyStep(engine, member, { status: 'EXPIRED', aggregating: false, authenticated: member.is_authenticated }, expiresAt);
      return true;
    }
  }
  return job.applied !== before;
}

function advanceTo(engine: Engine, member: StoredMember, index: number, now: number): void {
  const job = member.job;
  if (!job) return;
  while (job.applied < index && !job.ended) {
    job.applied += 1;
    const at = Math.min(now, job.segmentStart + job.applied * Math.max(engine.jobMs, 0));
    const next = job.steps[job.applied];
    if (next) applyStep(engine, member, next, at);
  }
}

/** Sets the member to a step's state; a step that stops aggregating also ends the job and applies its results. */
export function applyStep(engine: Engine, member: StoredMember, next: JobStep, at: number): void {
  const from = member.connection_status;
  const running = member.job !== null && !member.job.ended ? member.job : null;
  if (member.connection_status !== next.status) {
    member.history.push({ status: next.status, at });
    if (member.history.length > HISTORY_LIMIT) member.history.shift();
  }
  const name = findInstitution(member.institution_code)?.institution.name ?? member.institution_code;
  member.connection_status = next.status;
  member.connection_status_message = next.message ?? statusMessage(next.status, name);
  member.is_being_aggregated = next.aggregating;
  member.is_authenticated = next.authenticated;
  member.challenges = next.status === 'CHALLENGED' ? (next.challenges ?? []) : null;
  if (next.authenticated) member.accountsDiscovered = true;
  if (!next.aggregating) finish(engine, member, next, at);
  engine.onStep?.({ member, from, step: next, at, finished: running?.ended ? running : null });
}

function finish(engine: Engine, member: StoredMember, last: JobStep, at: number): void {
  const job = member.job;
  if (!job || job.ended) return; // a status set outside a job (the OAuth page) is not an aggregation result
  job.ended = true;
  const kind = job.kind;
  member.aggregated_at = isoSeconds(at);
  if (last.status === 'DENIED' || last.status === 'PREVENTED') member.consecutiveDenials += 1;
  if (last.status !== 'CONNECTED') return;
  member.consecutiveDenials = 0;
  member.successfully_aggregated_at = isoSeconds(at);
  member.has_processed_accounts = true;
  member.has_processed_transactions = kind === 'aggregation';
  member.has_processed_account_numbers = kind === 'verification';
  for (const accountGuid of last.verifiedAccounts ?? []) revealNumbers(engine, member, accountGuid);
  applyPaymentResults(engine, member, kind, isoSeconds(at));
}

function revealNumbers(engine: Engine, member: StoredMember, accountGuid: string): void {
  const account = member.accounts.find((a) => a.guid === accountGuid);
  if (!account || member.accountNumbers.some((n) => n.accountGuid === accountGuid)) return;
  member.accountNumbers.push({
    guid: engine.random.guid('ACN'),
    accountGuid,
    accountNumber: account.accountNumber,
    routingNumber: routingNumberFor(member.institution_code),
  });
}

/** A routing number that is stable per institution; it starts with a Federal Reserve district (01–12) like real ones. */
export function routingNumberFor(institutionCode: string): string {
  let h = 0x811c9dc5;
  for (const ch of institutionCode) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const district = String((h % 12) + 1).padStart(2, '0');
  const rest = String(Math.floor(h / 12) % 1_000_000).padStart(6, '0');
  return withCheckDigit(district + rest);
}
