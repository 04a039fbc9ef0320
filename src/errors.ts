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

/** An expected failure: one plain sentence for the user, what to try next, and the exit code that goes with it. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode: ExitCode; code: string; hint?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode;
    this.code = options.code;
    this.hint = options.hint;
  }
}

export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: EXIT.usage, code: 'usage', hint });
  }
}

export class ConfigError extends CliError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super(message, { exitCode: EXIT.config, code: 'config', hint, cause });
  }
}

export class InputRequiredError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: EXIT.inputRequired, code: 'input_required', hint });
  }
}

export class VerificationError extends CliError {
  readonly status: string | null;
  constructor(status: string | null, message: string, hint?: string, code = 'verification_failed') {
    super(message, { exitCode: EXIT.verification, code, hint });
    this.status = status;
  }
}

export class TimeoutError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: EXIT.timeout, code: 'timeout', hint });
  }
}

export class InterruptedError extends CliError {
  constructor(message: string, hint = 'What was saved is kept. Continue with: mx-iav resume') {
    super(message, { exitCode: EXIT.interrupted, code: 'interrupted', hint });
  }
}
