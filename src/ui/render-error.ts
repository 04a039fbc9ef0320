// The single error boundary's renderer: any thrown value becomes what to print and the exit code. The message
// lives in the error (src/errors.ts); this only chooses where and how it is shown.
import { CliError, EXIT, VerificationError, type ExitCode } from '../errors.js';
import { isHint, toHint, type Hint } from '../next-step.js';
import { painter } from './format.js';
import { sanitize } from './sanitize.js';

export interface RenderOptions {
  json: boolean;
  debug: boolean;
  color: boolean;
  /** Writes a hint's next steps the way this run was invoked (src/session/next-steps.ts). */
  hints: HintWriter;
}

export interface HintWriter {
  text(hint: Hint): string;
  steps(hint: Hint): unknown[];
}

export interface RenderedError {
  stdout?: string;
  stderr?: string;
  exitCode: ExitCode;
}

interface Described {
  code: string;
  message: string;
  hint: Hint | undefined;
  exitCode: ExitCode;
  /** Unexpected errors show their stack under --debug; expected ones never do. */
  unexpected: boolean;
}

export function renderError(error: unknown, options: RenderOptions): RenderedError {
  const described = describe(error);
  const hint = described.hint && sanitize(options.hints.text(described.hint));
  const stack = options.debug && described.unexpected && error instanceof Error ? error.stack : undefined;
  if (options.json) {
    const status = error instanceof VerificationError ? { status: error.status } : {};
    const steps = described.hint ? options.hints.steps(described.hint) : [];
    const next = steps.length > 0 ? { next_steps: steps } : {};
    const body = { error: { code: described.code, message: described.message, hint: hint ?? null, ...next, ...status } };
    return {
      stdout: `${JSON.stringify(body)}\n`,
      ...(stack && { stderr: `${stack}\n` }),
      exitCode: described.exitCode,
    };
  }
  const paint = painter(options.color);
  const lines = [`${paint.red('✖')} ${described.message}`];
  if (hint) lines.push(`  ${paint.dim(hint)}`);
  if (stack) lines.push('', paint.dim(stack));
  return { stderr: `${lines.join('\n')}\n`, exitCode: described.exitCode };
}

function describe(error: unknown): Described {
  if (error instanceof CliError) {
    return { code: error.code, message: sanitize(error.message), hint: error.hint, exitCode: error.exitCode, unexpected: false };
  }
  // A value that carries one of our exit codes without being a CliError (e.g. from a duplicated module copy).
  if (hasExitCode(error)) {
    const hint = typeof error.hint === 'string' || isHint(error.hint) ? toHint(error.hint) : undefined;
    const code = typeof error.code === 'string' ? error.code : 'error';
    return { code, message: sanitize(error.message), hint, exitCode: error.exitCode, unexpected: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'unexpected',
    message: `Unexpected error: ${sentence(sanitize(message) || 'no message')}`,
    hint: toHint('Run again with --debug for details.'),
    exitCode: EXIT.unexpected,
    unexpected: true,
  };
}

const EXIT_CODES = new Set<number>(Object.values(EXIT));

function hasExitCode(error: unknown): error is Error & { exitCode: ExitCode; hint?: unknown; code?: unknown } {
  const exitCode: unknown = error instanceof Error ? Reflect.get(error, 'exitCode') : undefined;
  return typeof exitCode === 'number' && EXIT_CODES.has(exitCode);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
