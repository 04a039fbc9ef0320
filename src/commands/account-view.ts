import type { Account, AccountNumber } from '../mx/types.js';
import { abaChecksumValid, formatAccountNumbersTable, maskAccountNumber } from '../ui/format.js';

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
      routing_number_checksum_valid: number.routing_number ? abaChecksumValid(number.routing_number) : null,
      passed_validation: number.passed_validation,
    };
  });
}

export function accountNumbersTable(numbers: AccountNumber[], accounts: Account[], options: { reveal: boolean; color: boolean }) {
  return formatAccountNumbersTable(
    numbers.map((number) => {
      const account = accounts.find((candidate) => candidate.guid === number.account_guid);
      return { ...number, account_name: account?.name ?? null, account_type: account?.type ?? null };
    }),
    options,
  );
}
