// What an answer from MX means: the Exchange the client works with, or the one error that says what was wrong.
import type { Response } from 'got';
import { parseRetryAfter } from './backoff.js';
import { MxApiError, MxResponseError } from './errors.js';
import { scrubValue } from './redact.js';
import type { VersionRules } from './versions.js';

/** The attempt an answer belongs to: what it asked, what to mask, and where its outcome is logged. */
export interface AnsweredAttempt {
  spec: { method: string };
  shownPath: string;
  secrets: readonly string[];
  log: (outcome: string, responseText?: string) => void;
}

/** MX's answer as an Exchange: non-2xx is MxApiError; a 2xx body must be JSON of the version's media type. */
export function interpretAnswer(rules: VersionRules, sending: AnsweredAttempt, response: Response<Buffer>): { status: number; body: unknown } {
  const { spec, shownPath, secrets, log } = sending;
  const { statusCode: status, body: raw, headers } = response;
  const text = raw.toString('utf8');
  log(String(status), text);
  const ctx = { status, method: spec.method, path: shownPath };
  if (status < 200 || status >= 300) {
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    throw new MxApiError({ ...ctx, mxMessage: errorMessageOf(text, secrets), retryAfterMs });
  }
  if (status === 204 || text.trim() === '') return { status, body: undefined };
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    const html = /html/i.test(String(headers['content-type'])) || /^\s*</.test(text);
    throw new MxResponseError({ ...ctx, problem: html ? 'an HTML page instead of JSON' : `a body that is not valid JSON (${raw.length} bytes; truncated?)` });
  }
  const mediaType = mediaTypeOf(headers['content-type']);
  if (mediaType !== null && mediaType !== rules.mediaType) {
    // Each version answers in its own media type, so another one means the version asked for was not the one served.
    const shown = sanitizeHeader(mediaType);
    const problem = `${shown}, but API ${rules.version} answers ${rules.mediaType} (MX or a proxy on the way ignored Accept-Version: ${rules.headers['accept-version']})`;
    throw new MxResponseError({ ...ctx, problem, otherMediaType: shown });
  }
  return { status, body };
}

/** MX's error envelope is `{"error": {"message": "..."}}`; anything else yields no message. */
function errorMessageOf(text: string, secrets: readonly string[]): string | null {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    const message = parsed?.error?.message;
    return typeof message === 'string' && message.trim() !== '' ? scrubValue(message.trim(), secrets).slice(0, 500) : null;
  } catch {
    return null;
  }
}

/** `type/subtype` in lower case without parameters (`; charset=utf-8`), or null when no Content-Type came. */
function mediaTypeOf(value: string | undefined): string | null {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/** A header value shown in an error: printable ASCII only, and short. */
const sanitizeHeader = (value: string): string => value.replace(/[^\x20-\x7e]/g, '?').slice(0, 80);
