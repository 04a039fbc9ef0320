import { UsageError } from '../errors.js';
import type { ChallengePosition } from '../flow/ports.js';
import type { Challenge, ChallengeOption, InstitutionCredential } from '../mx/types.js';
import { credentialKey } from './credential-fields.js';
import { sanitize } from './sanitize.js';

/** Answers given up front by flags or environment variables; both prompters consult them before asking. */
export interface PresetAnswers {
  /** By credential field_name, upper-case: {LOGIN: 'mxuser', PASSWORD: '…'}. */
  credentials: Record<string, string>;
  /** Challenge answers in the order the challenges arrive (account selection excluded). */
  answers: string[];
  /** The account to verify: an option value, an option label (case-insensitive), or "first". */
  selectAccount?: string;
  /** --open: yes, ahead of time, to opening sign-in links and challenge images outside the terminal. */
  open?: boolean;
}

/** A preset answer that matches none of MX's choices: the value given is wrong (exit 2), nothing is missing. */
export class PresetMismatchError extends UsageError {}

/** Where each preset comes from, so every "missing answer" message names both ways of giving it. */
export const PRESET_SOURCES = {
  institution: { flag: '--institution CODE', env: 'MX_IAV_INSTITUTION' },
  credential: (key: string) => ({ flag: `--credential ${key}=...`, env: `MX_IAV_CREDENTIAL_${key}` }),
  answer: { flag: '--answer VALUE (repeatable, in challenge order)', env: 'MX_IAV_ANSWERS (one answer, or a JSON array in challenge order)' },
  selectAccount: { flag: '--select-account <value|label|first>', env: 'MX_IAV_SELECT_ACCOUNT' },
} as const;

export function presetCredential(presets: PresetAnswers, field: InstitutionCredential): string | undefined {
  const wanted = [field.field_name?.toUpperCase(), credentialKey(field)];
  for (const [key, value] of Object.entries(presets.credentials)) {
    if (wanted.includes(key.toUpperCase())) return value;
  }
  return undefined;
}

/** MX's IAV account-selection question is an OPTIONS challenge labelled "Please select an account:". */
export function isAccountSelectionChallenge(challenge: Challenge): boolean {
  return challenge.type === 'OPTIONS' && /select an account/i.test(challenge.label ?? '');
}

/** The choices of an OPTIONS or IMAGE_OPTIONS challenge (empty for the typed kinds). */
export function challengeOptions(challenge: Challenge): ChallengeOption[] {
  if (challenge.type === 'IMAGE_OPTIONS') return challenge.image_options ?? [];
  return challenge.options ?? [];
}

/**
 * The preset answer to send for a challenge, or undefined when none was given. A preset that matches no option
 * throws: sending it would only earn a REJECTED status.
 */
export function presetChallengeAnswer(
  presets: PresetAnswers,
  challenge: Challenge,
  position: ChallengePosition,
): string | undefined {
  const options = challengeOptions(challenge);
  if (position.isAccountSelection) {
    const wanted = presets.selectAccount;
    if (wanted === undefined) return undefined;
    if (wanted.toLowerCase() === 'first' && options[0]) return optionValue(options[0]);
    // Not quoted back either: whatever was typed (control text, a pasted secret) stays out of logs and reports.
    return matchOption(options, wanted, 'The account choice given (--select-account or MX_IAV_SELECT_ACCOUNT)');
  }
  const answer = presets.answers[position.answerIndex];
  if (answer === undefined || options.length === 0) return answer;
  // The answer itself is never quoted back: it may be a secret, and errors end up in CI logs and JUnit reports.
  return matchOption(options, answer, `The answer given for challenge ${position.answerIndex + 1}`);
}

export function optionValue(option: ChallengeOption): string {
  return option.value ?? option.label ?? '';
}

function matchOption(options: ChallengeOption[], wanted: string, given: string): string {
  const byValue = options.find((option) => option.value === wanted);
  const byLabel = options.find((option) => option.label?.toLowerCase() === wanted.toLowerCase());
  const match = byValue ?? byLabel ?? byLabelWithoutDigits(options, wanted, given);
  if (match) return optionValue(match);
  const labels = options.map((option) => `"${sanitize(option.label ?? option.value)}"`).join(', ');
  throw new PresetMismatchError(
    `${given} matches none of the choices MX offers: ${labels || '(none)'}.`,
    'Pass one of those labels or values instead.',
  );
}

/**
 * MX labels accounts with their masked digits ("Savings ••3733"), which no one can know before the run: the name
 * alone matches when exactly one choice carries it.
 */
function byLabelWithoutDigits(options: ChallengeOption[], wanted: string, given: string): ChallengeOption | undefined {
  const name = (label: string | null | undefined) => (label ?? '').replace(/\s*[•*xX·.]+\s*\d{2,4}\s*$/u, '').trim().toLowerCase();
  const found = options.filter((option) => name(option.label) === wanted.trim().toLowerCase());
  if (found.length <= 1) return found[0];
  const labels = found.map((option) => `"${sanitize(option.label ?? option.value)}"`).join(', ');
  throw new PresetMismatchError(`${given} matches more than one choice: ${labels}.`, 'Pass the whole label (with its digits) or the value instead.');
}
