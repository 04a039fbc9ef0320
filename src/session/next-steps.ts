// The one place a next step becomes a command line. Errors and results carry steps as data (src/next-step.ts);
// this writes each with the prefix this run was invoked with (`npx mx-iav --profile jane`) and, when the run was
// addressed by guid, with that user and member, so a hint followed as printed never acts on another customer.
import { hint, toHint, type Hint, type HintLike, type HintPart, type NextStep } from '../next-step.js';
import type { HintWriter } from '../ui/render-error.js';
import { shellWord, type AddressedTarget, type Invocation } from './invocation.js';

/** A step under --json: its command and flags as data, and the line to run as it would be printed. */
export interface NextStepJson {
  command: string;
  args: string[];
  flags: Record<string, string | true>;
  text: string;
}

/** The default invocation: what a hint says when no run is known (a unit test, a library caller). */
const PLAIN: Invocation = { prefix: 'mx-iav' };

/**
 * From now on every hint that would act on the profile's saved member (resume, status, verify …) names this one
 * instead: followed as printed, it must never switch to another customer.
 */
export function addressHintsTo(invocation: Invocation | undefined, target: AddressedTarget) {
  if (invocation) invocation.addressed = target;
}

export function formatNextStep(next: NextStep, invocation: Invocation = PLAIN): string {
  const addressed = addressStep(next, invocation.addressed);
  const words = [invocation.prefix, addressed.command, ...(addressed.args ?? []).map(shellWord)];
  for (const [name, value] of Object.entries(addressed.flags ?? {})) words.push(value === true ? `--${name}` : `--${name} ${shellWord(value)}`);
  return words.join(' ');
}

export function formatHint(value: HintLike, invocation?: Invocation): string;
export function formatHint(value: HintLike | undefined, invocation?: Invocation): string | undefined;
export function formatHint(value: HintLike | undefined, invocation?: Invocation): string | undefined {
  const given = toHint(value);
  if (given === undefined) return undefined;
  return given.parts.map((part, index) => `${part}${index < given.steps.length ? formatNextStep(given.steps[index]!, invocation) : ''}`).join('');
}

export function nextStepsJson(value: Hint | undefined, invocation?: Invocation): NextStepJson[] {
  return (value?.steps ?? []).map((next) => {
    const addressed = addressStep(next, invocation?.addressed);
    return { command: addressed.command, args: [...(addressed.args ?? [])], flags: { ...addressed.flags }, text: formatNextStep(next, invocation) };
  });
}

/** What renderError needs to write an error's hint: the text and, under --json, the steps. */
export function hintWriter(invocation?: Invocation): HintWriter {
  return { text: (hint) => formatHint(hint, invocation), steps: (hint) => nextStepsJson(hint, invocation) };
}

// The commands that act on the profile's saved user and member when no guid is given.
const ON_SAVED_MEMBER = new Set<string>(['verify', 'resume', 'status', 'account-numbers', 'report']);

/**
 * A step that would act on the saved member, written for the addressed one. `verify` takes no guids, so it becomes
 * the `resume` that does the same for that member: a new verification, new credentials, or (with --new or
 * --institution) a new member at another institution for the addressed user.
 */
function addressStep(next: NextStep, target: AddressedTarget | undefined): NextStep {
  const flags = next.flags ?? {};
  if (!target || !ON_SAVED_MEMBER.has(next.command) || 'user' in flags || 'member' in flags) return next;
  const user = { user: target.user };
  const both = target.member ? { ...user, member: target.member } : user;
  if (next.command !== 'verify') return { ...next, flags: { ...both, ...flags } };
  if ('new' in flags || 'institution' in flags) {
    const { new: _new, ...rest } = flags;
    return { ...next, command: 'resume', flags: { ...user, ...rest } };
  }
  return { ...next, command: 'resume', flags: { ...both, ...flags } };
}

/** A hint written out at once for this run, for text a command prints itself: hintFor(invocation)`Next: ${step('verify')}`. */
export function hintFor(invocation: Invocation | undefined) {
  return (strings: TemplateStringsArray, ...values: readonly HintPart[]) =>
    formatHint(hint(strings, ...values), invocation);
}
