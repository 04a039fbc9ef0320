import { describe, expect, it } from 'vitest';
import {
  formatAccountNumbersTable,
  formatElapsed,
  formatInstitution,
  formatStatusLine,
  type AccountNumberRow,
} from '../../src/ui/format.js';

const ROWS: AccountNumberRow[] = [
  {
    account_guid: 'ACT-1',
    account_number: '123456789',
    routing_number: '021000021',
    passed_validation: true,
    account_name: 'Checking',
    account_type: 'CHECKING',
  },
  { account_guid: 'ACT-2', account_number: '10001', routing_number: '68899990000000', passed_validation: null },
  { account_guid: 'ACT-3', account_number: '5555', routing_number: '011000015', passed_validation: false, account_name: 'Savings' },
];

describe('formatAccountNumbersTable', () => {
  it('masks account numbers and marks routing numbers that fail the checksum', () => {
    expect(formatAccountNumbersTable(ROWS, { reveal: false, color: false })).toBe(
      [
        'Account              Account number  Routing number    Validated',
        'Checking (CHECKING)  ••••6789        021000021         ✔',
        'ACT-2                ••••01          68899990000000 ⚠  –',
        'Savings              ••••55          011000015         ✖',
        '',
        '⚠ Not a valid 9-digit ABA routing number; confirm it with the bank.',
      ].join('\n'),
    );
  });

  it('shows whole account numbers with reveal, and no footnote when every routing number checks out', () => {
    const rows = [ROWS[0]!, { ...ROWS[2]!, account_name: null, account_type: 'SAVINGS' }];
    expect(formatAccountNumbersTable(rows, { reveal: true, color: false })).toBe(
      [
        'Account              Account number  Routing number  Validated',
        'Checking (CHECKING)  123456789       021000021       ✔',
        'SAVINGS              5555            011000015       ✖',
      ].join('\n'),
    );
  });

  it('strips control sequences from server values', () => {
    const rows: AccountNumberRow[] = [
      { account_guid: 'ACT-9', account_number: '\x1b[2J987654321', routing_number: '021000021', passed_validation: true, account_name: '\x1b]0;x\x07Evil' },
    ];
    const table = formatAccountNumbersTable(rows, { reveal: true, color: false });
    expect(table).toContain('Evil     987654321');
    expect(table).not.toMatch(/\x1b/);
  });

  it('colours only when asked', () => {
    const coloured = formatAccountNumbersTable(ROWS, { reveal: false, color: true });
    expect(coloured).toContain('\x1b[32m✔\x1b[39m');
    expect(coloured).toContain('\x1b[1mAccount');
  });

  it('renders the header alone for no rows', () => {
    expect(formatAccountNumbersTable([], { reveal: false, color: false })).toBe(
      'Account  Account number  Routing number  Validated',
    );
  });
});

describe('formatInstitution', () => {
  it.each([
    [{ name: 'MX Bank', code: 'mxbank' }, 'MX Bank (mxbank)'],
    [{ name: null, code: 'mxbank' }, 'mxbank'],
    [{ name: 'MX Bank', code: null }, 'MX Bank'],
    [{ name: null, code: null }, '(unnamed institution)'],
    [{ name: '\x1b[2JBad\x07 Bank', code: 'bad' }, 'Bad Bank (bad)'],
  ])('%j → %s', (institution, expected) => {
    expect(formatInstitution(institution)).toBe(expected);
  });
});

describe('formatStatusLine', () => {
  it('names the status and whole seconds elapsed', () => {
    expect(formatStatusLine('Waiting for MX Bank', 'CHALLENGED', 4_900)).toBe('Waiting for MX Bank… CHALLENGED · 4s');
  });
  it('does not double an ellipsis already in the label', () => {
    expect(formatStatusLine('Waiting for MX Bank...', 'CREATED', 0)).toBe('Waiting for MX Bank… CREATED · 0s');
  });
  it('says when there is no status yet', () => {
    expect(formatStatusLine('Verifying', null, 61_000)).toBe('Verifying… no status yet · 1m 01s');
  });
  it.each([
    [0, '0s'],
    [59_999, '59s'],
    [60_000, '1m 00s'],
    [754_000, '12m 34s'],
    [-5, '0s'],
  ])('formatElapsed(%d) → %s', (ms, expected) => {
    expect(formatElapsed(ms)).toBe(expected);
  });
});
