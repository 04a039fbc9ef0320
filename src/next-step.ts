// What to run next, as data. Errors and results below the CLI layers name a command by its path and flags, never
// as "mx-iav …" text: only src/session/next-steps.ts writes one out, with this run's own prefix (npx, --profile)
// and the guids the run addressed, so a hint followed as printed acts where the run acted. Imports nothing.

/** Every command a next step may name; test/hints checks each is registered in the program. */
export const NEXT_COMMANDS = [
  'verify',
  'resume',
  'status',
  'account-numbers',
  'report',
  'users',
  'members',
  'create-user',
  'create-member',
  'search-institution',
  'doctor',
  'cleanup',
  'scenarios',
  'sandbox',
  'config',
  'profiles',
  'micro-deposits create',
  'micro-deposits status',
  'micro-deposits verify',
  'micro-deposits list',
  'micro-deposits delete',
  // Not a command: the program's own help.
  '--help',
] as const;

export type NextCommand = (typeof NEXT_COMMANDS)[number];

export interface NextStep {
  command: NextCommand;
  /** Operands after the command ("NAME" in `search-institution NAME`). */
  args?: readonly string[];
  /** Flags without their dashes, in the order they are written: `{ 'update-credentials': true, user: 'USR-1' }`. */
  flags?: Readonly<Record<string, string | true>>;
}

/** A sentence with next steps inside it: `parts` are the text around `steps`, so parts.length === steps.length + 1. */
export interface Hint {
  readonly parts: readonly string[];
  readonly steps: readonly NextStep[];
}

/** Where a hint is expected: plain words (no command to run) are accepted as they are. */
export type HintLike = string | Hint;

/** step('verify', { new: true }), step('config', 'set', 'api-key'): words are operands, an object its flags. */
export function step(command: NextCommand, ...words: readonly (string | NonNullable<NextStep['flags']>)[]): NextStep {
  const args = words.filter((word): word is string => typeof word === 'string');
  const flags = Object.assign({}, ...words.filter((word) => typeof word !== 'string')) as Record<string, string | true>;
  return { command, ...(args.length > 0 && { args }), ...(Object.keys(flags).length > 0 && { flags }) };
}

/** hint`Continue with: ${step('resume')}`; a string or a Hint inside is spliced into the sentence. */
export type HintPart = NextStep | Hint | string | number;

export function hint(strings: TemplateStringsArray, ...values: readonly HintPart[]): Hint {
  const parts: string[] = [strings[0] ?? ''];
  const steps: NextStep[] = [];
  values.forEach((value, index) => {
    const after = strings[index + 1] ?? '';
    if (typeof value === 'string' || typeof value === 'number') {
      parts[parts.length - 1] += `${value}${after}`;
    } else if (isHint(value)) {
      parts[parts.length - 1] += value.parts[0] ?? '';
      steps.push(...value.steps);
      parts.push(...value.parts.slice(1));
      parts[parts.length - 1] += after;
    } else {
      steps.push(value);
      parts.push(after);
    }
  });
  return { parts, steps };
}

export function isHint(value: unknown): value is Hint {
  return typeof value === 'object' && value !== null && Array.isArray((value as Hint).parts) && Array.isArray((value as Hint).steps);
}

export function toHint(value: HintLike): Hint;
export function toHint(value: HintLike | undefined): Hint | undefined;
export function toHint(value: HintLike | undefined): Hint | undefined {
  return typeof value === 'string' ? { parts: [value], steps: [] } : value;
}

/** The same hint with each step rewritten (a command that knows more guids than the flow adds them). */
export function mapSteps(value: Hint, change: (step: NextStep) => NextStep): Hint {
  return { parts: value.parts, steps: value.steps.map(change) };
}
