import http from 'node:http';
import https from 'node:https';
import { got, RequestError, TimeoutError, type Got, type Response } from 'got';
import { MxApiError, MxNetworkError, MxResponseError } from './errors.js';
import { parseRetryAfter } from './backoff.js';
import { describeBody, scrub, secretValues } from './redact.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestSpec {
  method: Method;
  /** Relative to the base URL, no leading slash, segments already validated and encoded. */
  path: string;
  query?: Query;
  body?: unknown;
}

export interface Exchange {
  status: number;
  /** Parsed JSON, or undefined for an empty body (204). */
  body: unknown;
}

export interface TransportOptions {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  timeoutMs: number;
  maxBodyBytes: number;
  debug?: (line: string) => void;
  userAgent?: string;
  agent?: { http?: http.Agent; https?: https.Agent };
  signal?: AbortSignal;
}

export const MX_ACCEPT = 'application/vnd.mx.api.v1+json';

// Failures that happen before a request byte can reach MX: resending cannot create a duplicate.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const PRE_REQUEST_TIMEOUTS = new Set(['lookup', 'connect', 'secureConnect']);

export interface Transport {
  send(spec: RequestSpec, attempt: number): Promise<Exchange>;
  readonly requests: number;
  close(): void;
}

/** One got instance and one keep-alive agent pair for every request this client makes. */
export function createTransport(options: TransportOptions): Transport {
  const ownAgents = !options.agent;
  const agent = {
    http: options.agent?.http ?? new http.Agent({ keepAlive: true }),
    https: options.agent?.https ?? new https.Agent({ keepAlive: true }),
  };
  const basic = Buffer.from(`${options.clientId}:${options.apiKey}`).toString('base64');
  const alwaysSecret = [options.apiKey, basic];
  const connectMs = Math.min(options.timeoutMs, 10_000);
  const instance: Got = got.extend({
    prefixUrl: options.baseUrl,
    headers: {
      accept: MX_ACCEPT,
      authorization: `Basic ${basic}`,
      'user-agent': options.userAgent ?? 'mx-iav',
    },
    agent,
    timeout: { lookup: connectMs, connect: connectMs, secureConnect: connectMs, request: options.timeoutMs },
    retry: { limit: 0 }, // retries are decided by the client's policies, which know which calls are safe to repeat
    throwHttpErrors: false,
    followRedirect: false, // a redirect elsewhere is not MX; never replay the Authorization header to it
    responseType: 'buffer',
  });
  let requests = 0;

  async function send(spec: RequestSpec, attempt: number): Promise<Exchange> {
    options.signal?.throwIfAborted();
    requests += 1;
    const started = Date.now();
    const shownPath = `/${spec.path}`;
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const secrets = [...alwaysSecret, ...secretValues(spec.body)];
    const log = (outcome: string, responseText?: string): void =>
      options.debug?.(
        scrub(
          `mx ${spec.method} ${displayUrl(options.baseUrl, spec)} → ${outcome} ${Date.now() - started} ms attempt ${attempt}` +
            ` request=${describeBody(payload)} response=${describeBody(responseText)}`,
          secrets,
        ),
      );

    let status = 0;
    let tooLarge = false;
    let response: Response<Buffer>;
    try {
      const pending = instance(spec.path, {
        method: spec.method,
        responseType: 'buffer',
        searchParams: definedOnly(spec.query),
        // Only reads are cut short: a write MX may already be carrying out is let finish, so its result is saved.
        ...(spec.method === 'GET' && options.signal ? { signal: options.signal } : {}),
        ...(payload === undefined ? {} : { body: payload, headers: { 'content-type': 'application/json' } }),
      });
      pending.on('response', (answer: { statusCode: number }) => (status = answer.statusCode));
      // Stop reading as soon as the body is known to exceed the limit, instead of buffering it whole.
      pending.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
        if (!tooLarge && (progress.transferred > options.maxBodyBytes || (progress.total ?? 0) > options.maxBodyBytes)) {
          tooLarge = true;
          pending.cancel();
        }
      });
      response = await pending;
    } catch (error) {
      if (options.signal?.aborted && spec.method === 'GET') {
        log('aborted');
        throw options.signal.reason;
      }
      if (tooLarge) {
        log(`${status} body over ${options.maxBodyBytes} bytes`);
        throw new MxResponseError({ status, method: spec.method, path: shownPath, problem: `a body larger than ${options.maxBodyBytes} bytes (download stopped)` });
      }
      // Keep only the error code; the got error (its options hold the Authorization header) is dropped here.
      const code = error instanceof RequestError && error.code ? error.code : 'EUNKNOWN';
      const requestSent = !(NOT_SENT_CODES.has(code) || (error instanceof TimeoutError && PRE_REQUEST_TIMEOUTS.has(error.event)));
      log(code);
      const timeoutMs = requestSent ? options.timeoutMs : connectMs;
      throw new MxNetworkError({ code, method: spec.method, path: shownPath, requestSent, timeoutMs });
    }

    status = response.statusCode;
    const { body: raw, headers } = response;
    const text = raw.toString('utf8');
    log(String(status), text);
    if (status < 200 || status >= 300) {
      throw new MxApiError({
        status,
        mxMessage: errorMessageOf(text, secrets),
        method: spec.method,
        path: shownPath,
        retryAfterMs: parseRetryAfter(headers['retry-after']),
      });
    }
    if (status === 204 || text.trim() === '') return { status, body: undefined };
    try {
      return { status, body: JSON.parse(text) as unknown };
    } catch {
      const html = /html/i.test(String(headers['content-type'])) || /^\s*</.test(text);
      const problem = html ? 'an HTML page instead of JSON' : `a body that is not valid JSON (${raw.length} bytes; truncated?)`;
      throw new MxResponseError({ status, method: spec.method, path: shownPath, problem });
    }
  }

  return {
    send,
    get requests() {
      return requests;
    },
    close() {
      if (!ownAgents) return;
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}

/** MX's error envelope is `{"error": {"message": "..."}}`; anything else yields no message. */
function errorMessageOf(text: string, secrets: readonly string[]): string | null {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    const message = parsed?.error?.message;
    return typeof message === 'string' && message.trim() !== '' ? scrub(message.trim(), secrets).slice(0, 500) : null;
  } catch {
    return null;
  }
}

function definedOnly(query: Query | undefined): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  const entries = Object.entries(query).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function displayUrl(baseUrl: string, spec: RequestSpec): string {
  const search = new URLSearchParams(definedOnly(spec.query) as Record<string, string> | undefined).toString();
  return `${baseUrl}${spec.path}${search ? `?${search}` : ''}`;
}
