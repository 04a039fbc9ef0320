// Micro-deposits as text: one for a person (masked account number unless --reveal), and the sandbox's test table.
import { maskAccountNumber } from '../domain/masking.js';
import type { MicroDeposit } from '../mx/micro-deposit-types.js';
import { formatTable } from './format.js';
import { sanitize } from './sanitize.js';

/** The micro-deposit as --json shows it: the account number masked unless revealed. */
export function microDepositView(microDeposit: MicroDeposit, reveal: boolean) {
  return {
    guid: microDeposit.guid,
    status: microDeposit.status,
    account_number: reveal ? (microDeposit.account_number ?? null) : microDeposit.account_number ? maskAccountNumber(microDeposit.account_number) : null,
    routing_number: microDeposit.routing_number ?? null,
    account_type: microDeposit.account_type ?? null,
    institution_name: microDeposit.institution_name ?? null,
    error_message: microDeposit.error_message ?? null,
    updated_at: microDeposit.updated_at ?? null,
    verified_at: microDeposit.verified_at ?? null,
  };
}

export function formatMicroDeposit(view: ReturnType<typeof microDepositView>, words: { sentence: string; next: string | undefined }): string {
  const value = (text: string | null) => sanitize(text ?? '–');
  const lines = [
    `Micro-deposit ${value(view.guid)}: ${value(view.status)}`,
    `  ${sanitize(words.sentence)}`,
    `  Account ${value(view.account_number)}, routing ${value(view.routing_number)}${view.account_type ? `, ${sanitize(view.account_type.toLowerCase())}` : ''}`,
  ];
  if (view.error_message) lines.push(`  MX says: ${sanitize(view.error_message)}`);
  if (view.verified_at) lines.push(`  Verified at ${sanitize(view.verified_at)}`);
  if (words.next) lines.push(`  Next: ${sanitize(words.next)}`);
  return lines.join('\n');
}

export function formatMicroDepositList(items: MicroDeposit[]): string {
  return formatTable(['Micro-deposit', 'Status', 'Updated', 'MX says'], items.map((item) => [item.guid, item.status, item.updated_at ?? null, item.error_message ?? null]));
}

/** Beside MX Bank's logins in `mx-iav sandbox` and `mx-iav scenarios`. */
export function formatMicroDepositScenarioTable(rows: readonly { input: string; outcome: string }[]): string {
  return `Micro-deposits (amounts are this sandbox's own; MX does not publish its table):\n${formatTable(['Micro-deposit input', 'Outcome'], rows.map((row) => [row.input, row.outcome]))}`;
}
