// MX's documented integration-environment rules for micro-deposits (docs.mx.com/nexus/microdeposits/api-testing,
// shared/mx-verification-extras.md §4.3-4.4), and the sandbox's own amounts where MX's table is not public.
import { isValidRoutingNumber } from '../../../domain/aba.js';
import { MICRO_DEPOSIT_ATTEMPTS, type MicroDepositStatus } from '../../../domain/micro-deposits.js';
import type { StoredMicroDeposit } from './table.js';

/**
 * MX says "specific amounts correspond to specific scenarios" but its table is not readable, so these are the
 * sandbox's own: the right pair (either order) verifies, the error pair ends ERRORED, any other pair is wrong.
 */
export const SANDBOX_DEPOSIT_AMOUNTS = { right: [0.12, 0.15], errored: [0.99, 0.99] } as const;

/** "Any integer that begins with 3333 (e.g. 333312345) will be interpreted as a valid account number." */
export const VALID_ACCOUNT_PREFIX = '3333';

/** MX's own examples of routing numbers its integration environment refuses although their check digit is right. */
const REFUSED_ROUTING = new Set(['222222226', '021000021']);

// The first two digits of an ABA routing number: 00-12 banks, 21-32 thrifts, 61-72 electronic, 80 traveller's cheques.
const validPrefix = (routing: string) => {
  const prefix = Number(routing.slice(0, 2));
  return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
};

// "first and last name 1–50 characters without special characters".
const NAME = /^[A-Za-z][A-Za-z .'-]{0,49}$/;

export interface Outcome {
  status: MicroDepositStatus;
  error_message: string | null;
}

const rejected = (error_message: string): Outcome => ({ status: 'REJECTED', error_message });

/** Why MX's validation would refuse these details, or null. */
export function validationProblem(row: Pick<StoredMicroDeposit, 'account_number' | 'routing_number' | 'first_name' | 'last_name'>): string | null {
  const account = row.account_number ?? '';
  const routing = row.routing_number ?? '';
  if (!/^\d{1,17}$/.test(account)) return 'The account number must be 1 to 17 digits.';
  if (!isValidRoutingNumber(routing) || !validPrefix(routing) || REFUSED_ROUTING.has(routing)) {
    return 'The routing number is not a valid ABA routing number.';
  }
  for (const name of [row.first_name, row.last_name]) {
    if (name !== null && !NAME.test(name)) return 'Names must be 1 to 50 letters, without special characters.';
  }
  if (!account.startsWith(VALID_ACCOUNT_PREFIX)) {
    return `The provider rejected the account (in the sandbox, account numbers that begin with ${VALID_ACCOUNT_PREFIX} are valid).`;
  }
  return null;
}

/** What a new, complete request becomes, given what the sandbox already holds. */
export function createOutcome(problem: string | null, heldBySomeone: boolean, accountsOfEmail: number): Outcome {
  if (problem) return rejected(problem);
  if (heldBySomeone) return { status: 'CONFLICTED', error_message: 'There is an existing micro deposit request for this account.' };
  // "Users can verify up to three accounts per email address."
  if (accountsOfEmail >= 3) return rejected('This email address already verifies three accounts, the most MX allows.');
  return { status: 'INITIATED', error_message: null };
}

const cents = (amount: number) => Math.round(amount * 100);
const samePair = (given: [number, number], pair: readonly number[]) => {
  const [a, b] = given.map(cents).sort((x, y) => x - y);
  const [c, d] = pair.map(cents).sort((x, y) => x - y);
  return a === c && b === d;
};

/** The status a verify with these amounts leads to; `failed_attempts` counts this one if it is wrong. */
export function verifyOutcome(row: StoredMicroDeposit, amounts: [number, number]): Outcome & { failed_attempts: number } {
  if (samePair(amounts, SANDBOX_DEPOSIT_AMOUNTS.right)) return { status: 'VERIFIED', error_message: null, failed_attempts: row.failed_attempts };
  if (samePair(amounts, SANDBOX_DEPOSIT_AMOUNTS.errored)) {
    return { status: 'ERRORED', error_message: 'The provider could not complete the micro-deposits (an ACH error).', failed_attempts: row.failed_attempts };
  }
  const failed = row.failed_attempts + 1;
  return failed >= MICRO_DEPOSIT_ATTEMPTS
    ? { status: 'PREVENTED', error_message: 'Too many invalid verification attempts.', failed_attempts: failed }
    : { status: 'DENIED', error_message: null, failed_attempts: failed };
}

/** What `mx-iav sandbox` and `mx-iav scenarios` list beside MX Bank's logins. */
export const MICRO_DEPOSIT_TEST_INPUTS: readonly { input: string; outcome: string }[] = Object.freeze([
  { input: `account number beginning ${VALID_ACCOUNT_PREFIX} (e.g. 333312345), routing 091000019`, outcome: 'INITIATED, REQUESTED, then DEPOSITED after 2 minutes (sandbox --micro-deposit-delay-ms)' },
  { input: 'any other account number, or routing 222222226 / 021000021 / a wrong check digit', outcome: 'REJECTED' },
  { input: 'the same account and routing number again', outcome: 'CONFLICTED' },
  { input: 'a fourth account with the same email', outcome: 'REJECTED (three accounts per email)' },
  { input: `amounts ${SANDBOX_DEPOSIT_AMOUNTS.right.join(' and ')} (sandbox's own)`, outcome: 'VERIFIED' },
  { input: `amounts ${SANDBOX_DEPOSIT_AMOUNTS.errored.join(' and ')} (sandbox's own)`, outcome: 'ERRORED' },
  { input: 'any other amounts', outcome: `DENIED; the ${MICRO_DEPOSIT_ATTEMPTS}rd wrong pair PREVENTED` },
]);
