// Each of MX's ten micro-deposit statuses in plain words, with what comes next (§4.2 of the extras notes).
import type { MicroDepositStatus } from '../domain/micro-deposits.js';

export interface MicroDepositWords {
  sentence: string;
  /** The command or action that moves it on; undefined when nothing is left to do. */
  next: string | undefined;
}

const WORDS: Record<MicroDepositStatus, MicroDepositWords> = {
  PREINITIATED: { sentence: 'Prepared from the holder\'s name and email; no account is attached yet.', next: 'Create one with the account details: mx-iav micro-deposits create' },
  INITIATED: { sentence: 'Started: MX is asking its provider to send two small deposits.', next: 'Wait for the deposits (MX: one to two business days), then: mx-iav resume' },
  REQUESTED: { sentence: 'Requested: two small deposits are on their way to the account.', next: 'Once they show on the statement: mx-iav micro-deposits verify' },
  DEPOSITED: { sentence: 'Deposited: two small amounts are in the account, ready to be confirmed.', next: 'Type the two amounts: mx-iav micro-deposits verify' },
  VERIFIED: { sentence: 'Verified: the amounts matched, so the account belongs to this customer.', next: undefined },
  DENIED: { sentence: 'The amounts entered did not match the deposits.', next: 'Check the statement and try again: mx-iav micro-deposits verify' },
  PREVENTED: { sentence: 'Blocked after three wrong pairs of amounts.', next: 'Delete it (mx-iav micro-deposits delete) and start again with mx-iav verify --micro-deposits' },
  ERRORED: { sentence: 'The deposits could not be made (typically an ACH error at the provider).', next: 'Check the account and routing number, then start again: mx-iav verify --micro-deposits' },
  CONFLICTED: { sentence: 'This account already has a micro-deposit request.', next: 'Continue that one (mx-iav micro-deposits list), or delete it first' },
  REJECTED: { sentence: 'The details were refused (validation failed, or the provider rejected the account).', next: 'Check the account and routing number, then start again: mx-iav verify --micro-deposits' },
};

export function describeMicroDeposit(status: string | null): MicroDepositWords {
  return WORDS[status as MicroDepositStatus] ?? { sentence: `MX reports the status ${status ?? '(none)'}.`, next: 'Check it again with: mx-iav micro-deposits status' };
}
