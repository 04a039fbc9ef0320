// Which account --select-account (or MX_IAV_SELECT_ACCOUNT) names. MX labels accounts with their masked number
// ("Savings ••4725"), which no one can type ahead of time, so the name before the mask matches as well.
import { UsageError } from '../errors.js';
import type { ChallengeOption } from '../mx/types.js';
import { sanitize } from './sanitize.js';

// A trailing masked number after a space: bullets, dots, asterisks or x's, then the last digits ("••4725",
// "****4725", "(x4725)").
const MASKED_NUMBER = /\s+\(?[•·*.xX]+\d{2,}\)?\s*$/;

/** The name part of a label: "Savings ••4725" → "Savings". */
export function accountName(label: string): string {
  return label.replace(MASKED_NUMBER, '').trim();
}

/**
 * The option's value for "first", an option value, a whole label or a label's name (case-insensitive). A choice that
 * matches none, or a name two accounts share, is a usage error: the run stops before any answer reaches MX.
 */
export function matchAccount(options: ChallengeOption[], wanted: string): ChallengeOption {
  const lower = wanted.trim().toLowerCase();
  if (lower === 'first' && options[0]) return options[0];
  const exact = options.find((option) => option.value === wanted) ?? options.find((option) => option.label?.toLowerCase() === lower);
  if (exact) return exact;
  const byName = options.filter((option) => option.label && accountName(option.label).toLowerCase() === lower);
  if (byName.length === 1) return byName[0]!;
  const shown = `--select-account ${sanitize(wanted).slice(0, 60)}`;
  if (byName.length > 1) {
    throw new UsageError(
      `${shown} matches ${byName.length} accounts: ${quoted(byName)}.`,
      'Pass the whole label or the value of the one to verify.',
    );
  }
  throw new UsageError(
    `${shown} matches none of the accounts MX offers: ${quoted(options) || '(none)'}.`,
    'Pass an account\'s name (e.g. Savings), its whole label or value, or "first".',
  );
}

const quoted = (options: ChallengeOption[]) => options.map((option) => `"${sanitize(option.label ?? option.value)}"`).join(', ');
