import { hint, step, toHint, type Hint, type HintLike } from './next-step.js';

/** Exit codes, documented in the README and in `--help`. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  config: 3,
  api: 4,
  verification: 5,
  inputRequired: 6,
  timeout: 7,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An expected failure: one plain sentence for the user, what to try next (its commands as data, written out once
 * by src/session/next-steps.ts), and the exit code chosen where it is raised: nothing re-classifies it later.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly hint: Hint | undefined;

  constructor(message: string, options: { exitCode: ExitCode; code: string; hint?: HintLike; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode;
    this.code = options.code;
    this.hint = toHint(options.hint);
  }
}

export class UsageError extends CliError {
  constructor(message: string, hint?: HintLike) {
    super(message, { exitCode: EXIT.usage, code: 'usage', hint });
  }
}

export class ConfigError extends CliError {
  constructor(message: string, hint?: HintLike, cause?: unknown) {
    super(message, { exitCode: EXIT.config, code: 'config', hint, cause });
  }
}

export class InputRequiredError extends CliError {
  constructor(message: string, hint?: HintLike) {
    super(message, { exitCode: EXIT.inputRequired, code: 'input_required', hint });
  }
}

export class VerificationError extends CliError {
  readonly status: string | null;
  constructor(status: string | null, message: string, hint?: HintLike, code = 'verification_failed') {
    super(message, { exitCode: EXIT.verification, code, hint });
    this.status = status;
  }
}

export class TimeoutError extends CliError {
  constructor(message: string, hint?: HintLike) {
    super(message, { exitCode: EXIT.timeout, code: 'timeout', hint });
  }
}

const CONTINUE = hint`What was saved is kept. Continue with: ${step('resume')}`;

export class InterruptedError extends CliError {
  constructor(message: string, hint: HintLike = CONTINUE) {
    super(message, { exitCode: EXIT.interrupted, code: 'interrupted', hint });
  }
}
