import { describe, expect, it } from 'vitest';
import { formatPaymentChecks, type PaymentCheckRow } from '../../src/ui/payment-table.js';

const row: PaymentCheckRow = {
  account_name: 'Checking',
  account_number: '••••0001',
  routing_number: '091000019',
  routing_number_checksum_valid: true,
  passed_validation: true,
  owners: [
    { name: 'John Smith', address: null },
    { name: 'Mary Smith', address: '123 Easy St, Schenectady NY 12345 US' },
  ],
  owner_matches: null,
  available_balance: 5000,
  balance: 5000.5,
  currency_code: 'USD',
  balance_updated_at: '2026-12-07T10:00:00Z',
  balance_checked: true,
};

describe('formatPaymentChecks', () => {
  it('one block per account: numbers, checksum, validation, every owner, the balances with their time', () => {
    expect(formatPaymentChecks([row], { color: false })).toBe(
      [
        'Payment check: Checking',
        '  Account number   ••••0001',
        '  Routing number   091000019 (ABA checksum valid)',
        '  MX validation    passed',
        '  Owner            John Smith',
        '                   Mary Smith, 123 Easy St, Schenectady NY 12345 US',
        '  Available        5000.00 USD as of 2026-12-07T10:00:00Z',
        '  Balance          5000.50 USD',
      ].join('\n'),
    );
  });

  it('leaves out what was not asked for, says when no owner was found, flags a wrong checksum, strips escapes', () => {
    const text = formatPaymentChecks(
      [{ ...row, account_name: 'Sav\u001b[31mings', routing_number: '123456789', routing_number_checksum_valid: false, passed_validation: false, owners: [], owner_matches: false, balance_checked: false }],
      { color: false },
    );
    expect(text).toBe(
      [
        'Payment check: Savings',
        '  Account number   ••••0001',
        '  Routing number   123456789 (ABA checksum WRONG: confirm it with the bank)',
        '  MX validation    not passed',
        '  Owner            none found',
        '  Expected owner   no match on this account',
      ].join('\n'),
    );
  });
});
