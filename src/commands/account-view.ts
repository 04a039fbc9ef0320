import type { Account, AccountNumber } from '../mx/types.js';
import { isValidRoutingNumber } from '../domain/aba.js';
import { maskAccountNumber } from '../domain/masking.js';
import { formatAccountNumbersTable } from '../ui/format.js';
import { sanitize } from '../ui/sanitize.js';

export interface AccountNumberView {
  account_guid: string | null;
  account_name: string | null;
  account_type: string | null;
  account_number: string | null;
  account_number_masked: boolean;
  routing_number: string | null;
  routing_number_checksum_valid: boolean | null;
  passed_validation: boolean | null;
}

export function accountNumberViews(numbers: AccountNumber[], accounts: Account[], reveal: boolean): AccountNumberView[] {
  return numbers.map((number) => {
    const account = accounts.find((candidate) => candidate.guid === number.account_guid);
    return {
      account_guid: number.account_guid,
      account_name: account?.name ?? null,
      account_type: account?.type ?? null,
      account_number: reveal || number.account_number === null ? number.account_number : maskAccountNumber(number.account_number),
      account_number_masked: !reveal,
      routing_number: number.routing_number,
      routing_number_checksum_valid: number.routing_number ? isValidRoutingNumber(number.routing_number) : null,
      passed_validation: number.passed_validation,
    };
  });
}

export function accountNumbersTable(numbers: AccountNumber[], accounts: Account[], options: { reveal: boolean; color: boolean; width: number | undefined }) {
  return formatAccountNumbersTable(
    numbers.map((number) => {
      const account = accounts.find((candidate) => candidate.guid === number.account_guid);
      return { ...number, account_name: account?.name ?? null, account_type: account?.type ?? null };
    }),
    options,
  );
}

/**
 * MX's `passed_validation` and the local ABA checksum should agree; when they do not, one of them is wrong and a
 * payment to that routing number could bounce, so say so on stderr (also under --json).
 */
export function routingNumberWarnings(numbers: AccountNumber[]): string[] {
  return numbers.flatMap((number) => {
    if (!number.routing_number || number.passed_validation === null) return [];
    const checksumValid = isValidRoutingNumber(number.routing_number);
    if (checksumValid === number.passed_validation) return [];
    const routing = sanitize(number.routing_number).slice(0, 20);
    const account = sanitize(number.account_guid) || 'an account';
    return [
      checksumValid
        ? `WARNING: MX did not validate routing number ${routing} (${account}), though its ABA checksum is valid; confirm it with the bank.`
        : `WARNING: MX marked routing number ${routing} (${account}) as validated, but its ABA checksum is wrong; confirm it with the bank.`,
    ];
  });
}
