// The single error boundary's renderer: any thrown value becomes what to print and the exit code. The message
// lives in the error (src/errors.ts); this only chooses where and how it is shown.
import { CliError, EXIT, VerificationError, type ExitCode } from '../errors.js';
import { MxApiError } from '../mx/errors.js';
import { painter } from './format.js';
import { sanitize } from './sanitize.js';

export interface RenderOptions {
  json: boolean;
  debug: boolean;
  color: boolean;
  /** Writes the commands a hint names the way this run was invoked (src/session/invocation.ts). */
  rewrite?: (text: string) => string;
}

export interface RenderedError {
  stdout?: string;
  stderr?: string;
  exitCode: ExitCode;
}

interface Described {
  code: string;
  message: string;
  hint: string | undefined;
  exitCode: ExitCode;
  /** Unexpected errors show their stack under --debug; expected ones never do. */
  unexpected: boolean;
}

const CREDENTIALS_HINT = 'Check MX_CLIENT_ID and MX_API_KEY, or run mx-iav config set api-key';

export function renderError(error: unknown, options: RenderOptions): RenderedError {
  const described = describe(error);
  if (options.rewrite && described.hint !== undefined) described.hint = options.rewrite(described.hint);
  const stack = options.debug && described.unexpected && error instanceof Error ? error.stack : undefined;
  if (options.json) {
    const status = error instanceof VerificationError ? { status: error.status } : {};
    const body = { error: { code: described.code, message: described.message, hint: described.hint ?? null, ...status } };
    return {
      stdout: `${JSON.stringify(body)}\n`,
      ...(stack && { stderr: `${stack}\n` }),
      exitCode: described.exitCode,
    };
  }
  const paint = painter(options.color);
  const lines = [`${paint.red('✖')} ${described.message}`];
  if (described.hint) lines.push(`  ${paint.dim(described.hint)}`);
  if (stack) lines.push('', paint.dim(stack));
  return { stderr: `${lines.join('\n')}\n`, exitCode: described.exitCode };
}

function describe(error: unknown): Described {
  // MX's 401/403 are about this client's API credentials, a configuration problem rather than an API failure.
  if (error instanceof MxApiError && (error.status === 401 || error.status === 403)) {
    const detail = error.mxMessage ? `: ${sentence(sanitize(error.mxMessage))}` : '.';
    const hint =
      error.status === 403
        ? `${CREDENTIALS_HINT}; a 403 can also mean the feature is not enabled for this client.`
        : `${CREDENTIALS_HINT}.`;
    const message = `MX rejected the API credentials (${error.status})${detail}`;
    return { code: 'mx_auth', message, hint, exitCode: EXIT.config, unexpected: false };
  }
  if (error instanceof CliError) {
    const hint = error.hint === undefined ? undefined : sanitize(error.hint);
    return { code: error.code, message: sanitize(error.message), hint, exitCode: error.exitCode, unexpected: false };
  }
  // A value that carries one of our exit codes without being a CliError (e.g. from a duplicated module copy).
  if (hasExitCode(error)) {
    const hint = typeof error.hint === 'string' ? sanitize(error.hint) : undefined;
    const code = typeof error.code === 'string' ? error.code : 'error';
    return { code, message: sanitize(error.message), hint, exitCode: error.exitCode, unexpected: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'unexpected',
    message: `Unexpected error: ${sentence(sanitize(message) || 'no message')}`,
    hint: 'Run again with --debug for details.',
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
