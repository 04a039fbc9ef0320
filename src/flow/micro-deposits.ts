// Following a micro-deposit to its end: wait for the deposits, ask for the two amounts (three tries, MX's limit),
// and report each of MX's statuses in plain words. Knows no terminal: the prompter and progress are ports.
import { MICRO_DEPOSIT_ATTEMPTS, MICRO_DEPOSIT_READY, MICRO_DEPOSIT_WAITING } from '../domain/micro-deposits.js';
import { TimeoutError, VerificationError } from '../errors.js';
import type { MicroDeposit } from '../mx/micro-deposit-types.js';
import { describeMicroDeposit } from './micro-deposit-messages.js';
import type { MicroDepositDeps, MicroDepositTiming } from './micro-deposit-ports.js';
import { describeSeconds } from './poll.js';
import { hint, step } from '../next-step.js';

export interface MicroDepositResult {
  user_guid: string;
  micro_deposit: MicroDeposit;
}

/** Wrong pairs already typed: as saved, and at least one when MX says DENIED (a pair typed elsewhere). */
export function attemptsUsed(deps: Pick<MicroDepositDeps, 'store'>, status: string | null): number {
  if (status === 'PREVENTED') return MICRO_DEPOSIT_ATTEMPTS;
  const saved = deps.store.read().micro_deposit_attempts ?? 0;
  return Math.min(MICRO_DEPOSIT_ATTEMPTS, Math.max(saved, status === 'DENIED' ? 1 : 0));
}

/** The end a micro-deposit reached that is not VERIFIED, as one sentence, MX's reason and the next step (exit 5). */
export function microDepositFailure(microDeposit: MicroDeposit, attemptsLeft?: number): VerificationError {
  const status = microDeposit.status;
  const words = describeMicroDeposit(status);
  const reason = microDeposit.error_message ? ` MX says: ${microDeposit.error_message.replace(/\.?$/, '.')}` : '';
  const left = status === 'DENIED' && attemptsLeft !== undefined ? ` ${attemptsLeft} of ${MICRO_DEPOSIT_ATTEMPTS} attempts left.` : '';
  return new VerificationError(status, `Micro-deposit ${microDeposit.guid} is ${status ?? 'without a status'}: ${words.sentence}${reason}${left}`, words.next, 'micro_deposit_failed');
}

/** Reads until the deposits have arrived (or it ended otherwise); past the timeout, exit 7 with how to come back. */
async function waitForDeposits(deps: MicroDepositDeps, userGuid: string, first: MicroDeposit, timing: MicroDepositTiming): Promise<MicroDeposit> {
  const { clock, progress } = deps;
  const started = clock.now();
  let current = first;
  progress.startWaiting('Waiting for the two deposits to reach the account');
  try {
    for (;;) {
      progress.updateWaiting(current.status, clock.now() - started);
      if (!MICRO_DEPOSIT_WAITING.has(current.status ?? '')) return current;
      if (clock.now() + timing.pollIntervalMs > started + timing.timeoutMs) {
        throw new TimeoutError(
          `The deposits for micro-deposit ${current.guid} had not arrived after ${describeSeconds(timing.timeoutMs)} (${current.status}); MX takes one to two business days.`,
          hint`Once they show on the statement, continue with: ${step('resume')} (or ${step('micro-deposits verify')})`,
        );
      }
      await clock.sleep(timing.pollIntervalMs, timing.signal);
      current = await deps.client.readMicroDeposit(userGuid, current.guid);
    }
  } finally {
    progress.stopWaiting();
  }
}

/** One pair of amounts sent; DENIED and PREVENTED count as wrong tries. Null when no pair can be had. */
async function tryAmounts(deps: MicroDepositDeps, microDeposit: MicroDeposit, again: boolean): Promise<MicroDeposit | null> {
  const used = attemptsUsed(deps, microDeposit.status);
  const amounts = await deps.deposits.askAmounts(MICRO_DEPOSIT_ATTEMPTS - used, again);
  if (!amounts) return null;
  const answered = await deps.client.verifyMicroDeposit(microDeposit.guid, amounts);
  if (answered.status === 'DENIED' || answered.status === 'PREVENTED') deps.store.update({ micro_deposit_attempts: Math.min(MICRO_DEPOSIT_ATTEMPTS, used + 1) });
  return answered;
}

/** From whatever status it has now to VERIFIED, or a VerificationError naming the status it ended in. */
export async function followMicroDeposit(deps: MicroDepositDeps, userGuid: string, start: MicroDeposit, timing: MicroDepositTiming): Promise<MicroDepositResult> {
  let current = start;
  deps.progress.info(`Micro-deposit ${current.guid}: ${describeMicroDeposit(current.status).sentence}`);
  let again = false;
  for (;;) {
    if (MICRO_DEPOSIT_WAITING.has(current.status ?? '')) current = await waitForDeposits(deps, userGuid, current, timing);
    if (current.status === 'VERIFIED') {
      deps.progress.success(`Verified with micro-deposits (${current.guid})`);
      return { user_guid: userGuid, micro_deposit: current };
    }
    if (!MICRO_DEPOSIT_READY.has(current.status ?? '')) throw microDepositFailure(current);
    if (!again && current.status === 'DEPOSITED') deps.progress.info(describeMicroDeposit('DEPOSITED').sentence);
    const answered = await tryAmounts(deps, current, again);
    if (!answered) throw microDepositFailure(current, MICRO_DEPOSIT_ATTEMPTS - attemptsUsed(deps, current.status));
    current = answered;
    if (current.status === 'DENIED') {
      const left = MICRO_DEPOSIT_ATTEMPTS - attemptsUsed(deps, current.status);
      deps.progress.warn(`Those amounts do not match the deposits: ${left} of ${MICRO_DEPOSIT_ATTEMPTS} attempts left.`);
      again = true;
    }
  }
}
