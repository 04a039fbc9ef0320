// Each of MX's ten micro-deposit statuses in plain words, with what comes next (§4.2 of the extras notes).
import type { MicroDepositStatus } from '../domain/micro-deposits.js';
import { hint, step, type Hint } from '../next-step.js';

export interface MicroDepositWords {
  sentence: string;
  /** The command or action that moves it on; undefined when nothing is left to do. */
  next: Hint | undefined;
}

const WORDS: Record<MicroDepositStatus, MicroDepositWords> = {
  PREINITIATED: { sentence: 'Prepared from the holder\'s name and email; no account is attached yet.', next: hint`Create one with the account details: ${step('micro-deposits create')}` },
  INITIATED: { sentence: 'Started: MX is asking its provider to send two small deposits.', next: hint`Wait for the deposits (MX: one to two business days), then: ${step('resume')}` },
  REQUESTED: { sentence: 'Requested: two small deposits are on their way to the account.', next: hint`Once they show on the statement: ${step('micro-deposits verify')}` },
  DEPOSITED: { sentence: 'Deposited: two small amounts are in the account, ready to be confirmed.', next: hint`Type the two amounts: ${step('micro-deposits verify')}` },
  VERIFIED: { sentence: 'Verified: the amounts matched, so the account belongs to this customer.', next: undefined },
  DENIED: { sentence: 'The amounts entered did not match the deposits.', next: hint`Check the statement and try again: ${step('micro-deposits verify')}` },
  PREVENTED: { sentence: 'Blocked after three wrong pairs of amounts.', next: hint`Delete it (${step('micro-deposits delete')}) and start again with ${step('verify', { 'micro-deposits': true })}` },
  ERRORED: { sentence: 'The deposits could not be made (typically an ACH error at the provider).', next: hint`Check the account and routing number, then start again: ${step('verify', { 'micro-deposits': true })}` },
  CONFLICTED: { sentence: 'This account already has a micro-deposit request.', next: hint`Continue that one (${step('micro-deposits list')}), or delete it first` },
  REJECTED: { sentence: 'The details were refused (validation failed, or the provider rejected the account).', next: hint`Check the account and routing number, then start again: ${step('verify', { 'micro-deposits': true })}` },
};

export function describeMicroDeposit(status: string | null): MicroDepositWords {
  return WORDS[status as MicroDepositStatus] ?? { sentence: `MX reports the status ${status ?? '(none)'}.`, next: hint`Check it again with: ${step('micro-deposits status')}` };
}
