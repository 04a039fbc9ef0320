// MX's micro-deposit statuses and limits, shared by the client, the flow and the sandbox
// (shared/mx-verification-extras.md §4.2-4.4).

/** In MX's widget order: the index is the numeric code webhooks carry (connect-widget microdeposits/const.js). */
export const MICRO_DEPOSIT_STATUSES = [
  'INITIATED', 'REQUESTED', 'DEPOSITED', 'VERIFIED', 'ERRORED', 'DENIED', 'PREVENTED', 'CONFLICTED', 'REJECTED', 'PREINITIATED',
] as const;
export type MicroDepositStatus = (typeof MICRO_DEPOSIT_STATUSES)[number];

/** "Users can attempt to verify the amounts … three times. After the third incorrect attempt … PREVENTED." */
export const MICRO_DEPOSIT_ATTEMPTS = 3;

/** Statuses after which nothing more can happen to the micro-deposit (DENIED can still be verified again). */
export const MICRO_DEPOSIT_FINAL: ReadonlySet<string> = new Set(['VERIFIED', 'ERRORED', 'PREVENTED', 'CONFLICTED', 'REJECTED']);

/** Still on its way to the account: the amounts cannot be typed yet. */
export const MICRO_DEPOSIT_WAITING: ReadonlySet<string> = new Set(['INITIATED', 'REQUESTED']);

/** The amounts can be typed (again, after DENIED). */
export const MICRO_DEPOSIT_READY: ReadonlySet<string> = new Set(['DEPOSITED', 'DENIED']);

/** MX's account types (MicrodepositElements.account_type); verification is for checking and savings accounts. */
export const MICRO_DEPOSIT_ACCOUNT_TYPES = ['CHECKING', 'SAVINGS'] as const;

/** A deposit amount in dollars with at most two decimals, from 0.01 to 0.99 (micro-deposits are cents). */
export function parseDepositAmount(text: string): number | null {
  const trimmed = text.trim().replace(/^\$/, '');
  if (!/^(0?\.\d{1,2}|0)$/.test(trimmed) && !/^\d{1,2}$/.test(trimmed)) return null;
  // "9" or "09" is read as cents, as the statement shows 0.09; "0.09" and ".09" as dollars.
  const value = trimmed.includes('.') ? Number(trimmed) : Number(trimmed) / 100;
  const cents = Math.round(value * 100);
  return cents >= 1 && cents <= 99 ? cents / 100 : null;
}
