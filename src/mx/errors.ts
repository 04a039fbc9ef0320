import { STATUS_CODES } from 'node:http';
import { describeGuid } from '../domain/identifiers.js';
import { CliError, ConfigError, EXIT } from '../errors.js';
import { hint, step, type HintLike } from '../next-step.js';

// Every error here is built from plain values (method, path, status, MX's message). None keeps a got error,
// its options or request headers, so printing, JSON-encoding or inspecting one can never show the API key.

/**
 * MX answered with a non-2xx status. `path` never includes the query string. A 401 or 403 is about this client's
 * API credentials: a configuration problem (exit 3), said as such, rather than an API failure (exit 4).
 */
export class MxApiError extends CliError {
  readonly status: number;
  readonly mxMessage: string | null;
  readonly method: string;
  readonly path: string;
  /** From `Retry-After` on 429/503, in milliseconds (uncapped); null when absent or unreadable. */
  readonly retryAfterMs: number | null;

  constructor(init: { status: number; mxMessage: string | null; method: string; path: string; retryAfterMs?: number | null }) {
    const reason = STATUS_CODES[init.status] ?? 'Unknown Status';
    const detail = init.mxMessage ? `: ${sentence(init.mxMessage)}` : '.';
    const credentials = init.status === 401 || init.status === 403;
    super(credentials ? `MX rejected the API credentials (${init.status})${detail}` : `MX answered ${init.status} ${reason} to ${init.method} ${init.path}${detail}`, {
      exitCode: credentials ? EXIT.config : EXIT.api,
      code: credentials ? 'mx_auth' : 'mx_api',
      hint: hintFor(init.status),
    });
    this.name = 'MxApiError';
    this.status = init.status;
    this.mxMessage = init.mxMessage;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

/** The request failed below HTTP: refused, reset, timed out, DNS. */
export class MxNetworkError extends CliError {
  readonly networkCode: string;
  readonly method: string;
  readonly path: string;
  /** False only when the failure happened before any byte of the request could reach MX (safe to resend). */
  readonly requestSent: boolean;

  constructor(init: { code: string; method: string; path: string; requestSent: boolean; timeoutMs?: number; proxy?: string; proxyAnswer?: string }) {
    const proxyFailed = init.proxy !== undefined && (PROXY_CONNECT_CODES.has(init.code) || init.proxyAnswer !== undefined);
    super(proxyFailed ? describeProxyFailure(init) : describeNetworkFailure(init), {
      exitCode: EXIT.api,
      code: 'mx_network',
      hint: proxyFailed ? proxyHint(init.proxyAnswer) : hint`Check the network and the MX base URL, then run the command again (or \`${step('resume')}\`).`,
    });
    this.name = 'MxNetworkError';
    this.networkCode = init.code;
    this.method = init.method;
    this.path = init.path;
    this.requestSent = init.requestSent;
  }
}

/** MX answered 2xx with a body the client cannot use (not JSON, truncated, wrong shape, too large). */
export class MxResponseError extends CliError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** Set when the body was JSON of another API version's media type (this one), so the version was not served. */
  readonly otherMediaType: string | null;

  constructor(init: { status: number; method: string; path: string; problem: string; otherMediaType?: string }) {
    super(`MX answered ${init.status} to ${init.method} ${init.path} with ${init.problem}.`, {
      exitCode: EXIT.api,
      code: 'mx_response',
      hint: init.otherMediaType
        ? hint`See whether MX serves this API version with: ${step('doctor')} (choose another with --api-version).`
        : 'Run again with --debug to see the exchange; if it persists, report it.',
    });
    this.name = 'MxResponseError';
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.otherMediaType = init.otherMediaType ?? null;
  }
}

export type IdentifierKind = 'user guid' | 'member guid' | 'account guid' | 'micro-deposit guid' | 'institution code';

const EXPECTED: Record<IdentifierKind, string> = {
  'user guid': describeGuid('user'),
  'member guid': describeGuid('member'),
  'account guid': describeGuid('account'),
  'micro-deposit guid': describeGuid('microDeposit'),
  'institution code': 'letters, digits, "_", "." and "-" (e.g. mxbank)',
};

/** A guid or code that would be unsafe or meaningless in a URL path. The value is not echoed (it may be a pasted secret). */
export class InvalidIdentifierError extends CliError {
  readonly kind: IdentifierKind;

  constructor(kind: IdentifierKind) {
    super(`Invalid ${kind}: expected ${EXPECTED[kind]}.`, { exitCode: EXIT.usage, code: 'invalid_identifier' });
    this.name = 'InvalidIdentifierError';
    this.kind = kind;
  }
}

/** The base URL would send the API key in clear text (or embeds credentials of its own). */
export class InsecureBaseUrlError extends ConfigError {
  constructor(reason: string) {
    super(`Refusing MX base URL: ${reason}`, 'Use https:// (plain http:// is allowed only for localhost, 127.x.x.x and ::1).');
    this.name = 'InsecureBaseUrlError';
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

const CREDENTIALS = hint`Check MX_CLIENT_ID and MX_API_KEY, or run ${step('config', 'set', 'api-key')}`;

function hintFor(status: number): HintLike | undefined {
  if (status === 401) return hint`${CREDENTIALS}.`;
  if (status === 403) return hint`${CREDENTIALS}; a 403 can also mean the feature is not enabled for this client.`;
  if (status === 429) return 'MX is rate limiting this client; wait a little and try again.';
  if (status >= 500) return hint`MX had a problem; try again shortly (\`${step('resume')}\` continues where it stopped).`;
  return undefined;
}

// Through a proxy, a connection that never opens is the proxy's: the agent connects to it, never to MX.
const PROXY_CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function describeProxyFailure(init: { code: string; method: string; path: string; proxy?: string; proxyAnswer?: string }): string {
  const what = init.proxyAnswer === undefined ? `could not be reached (${init.code})` : `refused to open a tunnel to MX (it answered ${init.proxyAnswer})`;
  return `The proxy ${init.proxy} ${what}, so ${init.method} ${init.path} was not sent to MX.`;
}

function proxyHint(answer: string | undefined): HintLike {
  const check = hint`Check HTTPS_PROXY / HTTP_PROXY (${step('doctor')} shows the proxy in use), or exempt the MX host with NO_PROXY.`;
  // 407 is the proxy asking for its own login, which goes in the proxy URL, never in MX's credentials.
  return answer?.startsWith('407') ? hint`The proxy wants a login: give it in the proxy URL (http://user:password@host:port). ${check}` : check;
}

function describeNetworkFailure(init: { code: string; method: string; path: string; timeoutMs?: number }): string {
  const where = `${init.method} ${init.path}`;
  if (init.code === 'ETIMEDOUT') {
    const after = init.timeoutMs ? ` within ${Math.round(init.timeoutMs / 100) / 10} s` : '';
    return `MX did not answer${after} (ETIMEDOUT) to ${where}.`;
  }
  if (init.code === 'ECONNRESET' || init.code === 'EPIPE') return `The connection to MX was cut (${init.code}) during ${where}.`;
  if (init.code === 'ECONNREFUSED') return `MX refused the connection (ECONNREFUSED) for ${where}.`;
  if (init.code === 'ENOTFOUND' || init.code === 'EAI_AGAIN') return `The MX host name could not be resolved (${init.code}) for ${where}.`;
  return `The request ${where} failed (${init.code}).`;
}
