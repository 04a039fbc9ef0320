// The payment check as text: one block per verified account, since owners and addresses do not fit table columns.
import { painter } from './format.js';
import { sanitize } from './sanitize.js';

/** What the command shows for one account; numbers already masked (or not) by the caller. */
export interface PaymentCheckRow {
  account_name: string | null;
  account_number: string | null;
  routing_number: string | null;
  routing_number_checksum_valid: boolean | null;
  passed_validation: boolean | null;
  owners: { name: string | null; address: string | null }[] | null;
  owner_matches: boolean | null;
  available_balance: number | null;
  balance: number | null;
  currency_code: string | null;
  /** null when no balance check was asked for. */
  balance_updated_at: string | null;
  balance_checked: boolean;
}

const LABEL_WIDTH = 17;

function money(amount: number | null, currency: string | null): string {
  if (amount === null) return '–';
  return `${amount.toFixed(2)}${currency ? ` ${sanitize(currency).slice(0, 3)}` : ''}`;
}

function routingLine(row: PaymentCheckRow): string {
  const routing = sanitize(row.routing_number) || '–';
  if (row.routing_number_checksum_valid === null) return routing;
  return `${routing} (ABA checksum ${row.routing_number_checksum_valid ? 'valid' : 'WRONG: confirm it with the bank'})`;
}

function ownerLines(row: PaymentCheckRow): string[] {
  if (row.owners === null) return [];
  if (row.owners.length === 0) return ['none found'];
  return row.owners.map((owner) => `${sanitize(owner.name) || '(no name)'}${owner.address ? `, ${sanitize(owner.address)}` : ''}`);
}

function block(row: PaymentCheckRow, paint: ReturnType<typeof painter>): string[] {
  const line = (label: string, value: string) => `  ${label.padEnd(LABEL_WIDTH)}${value}`;
  const lines = [
    paint.bold(`Payment check: ${sanitize(row.account_name) || 'account'}`),
    line('Account number', sanitize(row.account_number) || '–'),
    line('Routing number', routingLine(row)),
    line('MX validation', row.passed_validation === null ? 'not reported' : row.passed_validation ? 'passed' : paint.yellow('not passed')),
  ];
  ownerLines(row).forEach((text, index) => lines.push(line(index === 0 ? 'Owner' : '', text)));
  if (row.owner_matches !== null) lines.push(line('Expected owner', row.owner_matches ? 'matches' : paint.yellow('no match on this account')));
  if (row.balance_checked) {
    const when = row.balance_updated_at ? ` as of ${sanitize(row.balance_updated_at)}` : '';
    lines.push(line('Available', `${money(row.available_balance, row.currency_code)}${when}`));
    lines.push(line('Balance', money(row.balance, row.currency_code)));
  }
  return lines;
}

export function formatPaymentChecks(rows: PaymentCheckRow[], options: { color: boolean }): string {
  const paint = painter(options.color);
  return rows.map((row) => block(row, paint).join('\n')).join('\n\n');
}
