import http from 'node:http';
import https from 'node:https';
import { got, RequestError, TimeoutError, type Got, type Response } from 'got';
import { interpretAnswer } from './answer.js';
import { MxNetworkError, MxResponseError } from './errors.js';
import { describeBody, scrub, secretValues } from './redact.js';
import { describeHeaders, type VersionRules } from './versions.js';
import { isCertificateCode, MxCertificateError } from './certificate-error.js';
import { ProxyRefusal } from './proxy-agent.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** An array is sent as the same key repeated, without brackets (OpenAPI's form/explode default, MX's Node SDK). */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface RequestSpec {
  method: Method;
  /** Relative to the base URL, no leading slash, segments already validated and encoded. */
  path: string;
  query?: Query;
  body?: unknown;
  /** Headers of this request alone (Accept-Language for a widget URL); never Authorization or the version's. */
  headers?: Record<string, string>;
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
  /** The API version's headers and media type (versions.ts). */
  rules: VersionRules;
  timeoutMs: number;
  maxBodyBytes: number;
  debug?: (line: string) => void;
  userAgent?: string;
  agent?: { http?: http.Agent; https?: https.Agent };
  proxy?: string;
  signal?: AbortSignal;
}

// Failures that happen before a request byte can reach MX: resending cannot create a duplicate.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPROXYREFUSED']);
const PRE_REQUEST_TIMEOUTS = new Set(['lookup', 'connect', 'secureConnect']);

export interface Transport {
  send(spec: RequestSpec, attempt: number): Promise<Exchange>;
  readonly requests: number;
  close(): void;
}

/** What every request of one transport shares. */
interface Shared {
  options: TransportOptions;
  instance: Got;
  /**
   * Masked in every --debug line and error message: the API key, then every answer a request of this run carried
   * (credentials, challenge answers). Kept for the whole run, because a server may echo a password in a later
   * answer (a status message on the next poll), not only in the answer to the request that sent it.
   */
  alwaysSecret: Set<string>;
  connectMs: number;
}

/** One attempt in flight: what it sent, and how to log its outcome. */
interface Attempt {
  spec: RequestSpec;
  shownPath: string;
  payload: string | undefined;
  secrets: string[];
  log: (outcome: string, responseText?: string) => void;
}

/** One got instance and one keep-alive agent pair for every request this client makes. */
export function createTransport(options: TransportOptions): Transport {
  const ownAgents = !options.agent;
  const agent = {
    http: options.agent?.http ?? new http.Agent({ keepAlive: true }),
    https: options.agent?.https ?? new https.Agent({ keepAlive: true }),
  };
  const basic = Buffer.from(`${options.clientId}:${options.apiKey}`).toString('base64');
  const connectMs = Math.min(options.timeoutMs, 10_000);
  const instance: Got = got.extend({
    prefixUrl: options.baseUrl,
    headers: { ...options.rules.headers, authorization: `Basic ${basic}`, 'user-agent': options.userAgent ?? 'mx-iav' },
    agent,
    timeout: { lookup: connectMs, connect: connectMs, secureConnect: connectMs, request: options.timeoutMs },
    retry: { limit: 0 }, // retries are decided by the client's policies, which know which calls are safe to repeat
    throwHttpErrors: false,
    followRedirect: false, // a redirect elsewhere is not MX; never replay the Authorization header to it
    responseType: 'buffer',
  });
  options.debug?.(describeHeaders(options.rules));
  const shared: Shared = { options, instance, alwaysSecret: new Set([options.apiKey, basic]), connectMs };
  let requests = 0;
  return {
    async send(spec, attempt) {
      options.signal?.throwIfAborted();
      requests += 1;
      const sending = startAttempt(shared, spec, attempt);
      return interpretAnswer(options.rules, sending, await receive(shared, sending));
    },
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

function startAttempt({ options, alwaysSecret }: Shared, spec: RequestSpec, attempt: number): Attempt {
  const started = Date.now();
  const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  for (const secret of secretValues(spec.body)) alwaysSecret.add(secret);
  const secrets = [...alwaysSecret];
  const log = (outcome: string, responseText?: string): void =>
    options.debug?.(
      scrub(
        `mx ${spec.method} ${displayUrl(options.baseUrl, spec)} → ${outcome} ${Date.now() - started} ms attempt ${attempt}` +
          ` request=${describeBody(payload, secrets)} response=${describeBody(responseText, secrets)}`,
        secrets,
      ),
    );
  return { spec, shownPath: `/${spec.path}`, payload, secrets, log };
}

/** Sends the request and reads the whole answer, stopping early when the body is known to exceed the limit. */
async function receive(shared: Shared, sending: Attempt): Promise<Response<Buffer>> {
  const { options, instance } = shared;
  const { spec, payload } = sending;
  const seen = { status: 0, tooLarge: false };
  try {
    const pending = instance(spec.path, {
      method: spec.method,
      responseType: 'buffer',
      searchParams: searchParamsOf(spec.query),
      // Only reads are cut short: a write MX may already be carrying out is let finish, so its result is saved.
      ...(spec.method === 'GET' && options.signal ? { signal: options.signal } : {}),
      ...(payload === undefined ? {} : { body: payload }),
      headers: { ...spec.headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    });
    pending.on('response', (answer: { statusCode: number }) => (seen.status = answer.statusCode));
    pending.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
      if (!seen.tooLarge && (progress.transferred > options.maxBodyBytes || (progress.total ?? 0) > options.maxBodyBytes)) {
        seen.tooLarge = true;
        pending.cancel();
      }
    });
    return await pending;
  } catch (error) {
    throw failureOf(shared, sending, error, seen);
  }
}

/** The error to throw for a request that got no usable answer. */
function failureOf({ options, connectMs }: Shared, sending: Attempt, error: unknown, seen: { status: number; tooLarge: boolean }): unknown {
  const { spec, shownPath, log } = sending;
  if (options.signal?.aborted && spec.method === 'GET') {
    log('aborted');
    return options.signal.reason;
  }
  if (seen.tooLarge) {
    log(`${seen.status} body over ${options.maxBodyBytes} bytes`);
    const problem = `a body larger than ${options.maxBodyBytes} bytes (download stopped)`;
    return new MxResponseError({ status: seen.status, method: spec.method, path: shownPath, problem });
  }
  // Keep only the error code; the got error (its options hold the Authorization header) is dropped here.
  const code = error instanceof RequestError && error.code ? error.code : 'EUNKNOWN';
  const requestSent = !(NOT_SENT_CODES.has(code) || (error instanceof TimeoutError && PRE_REQUEST_TIMEOUTS.has(error.event)));
  log(code);
  if (isCertificateCode(code)) return new MxCertificateError({ code, host: new URL(options.baseUrl).host, method: spec.method, path: shownPath });
  const timeoutMs = requestSent ? options.timeoutMs : connectMs;
  // The proxy's own answer to CONNECT: nothing reached MX, and it is the proxy that is named.
  const proxyAnswer = error instanceof RequestError && error.cause instanceof ProxyRefusal ? error.cause.answer : undefined;
  return new MxNetworkError({ code, method: spec.method, path: shownPath, requestSent, timeoutMs, proxy: options.proxy, proxyAnswer });
}

function searchParamsOf(query: Query | undefined): URLSearchParams | undefined {
  if (!query) return undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params.toString() === '' ? undefined : params;
}

function displayUrl(baseUrl: string, spec: RequestSpec): string {
  const search = searchParamsOf(spec.query)?.toString();
  return `${baseUrl}${spec.path}${search ? `?${search}` : ''}`;
}
