import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALLOWED, checkEnvelope } from './allowed.js';
import { queryValueFits, SPEC_VERSIONS, type Operation, type Spec, type SpecVersion } from './spec.js';

/** One request/response pair as the sandbox records it (a JSON line), normalised. */
export interface Exchange {
  source: string;
  /**
   * The version the sandbox served the request as (from its Accept-Version header); null when it refused the request
   * with 406 for a missing or unknown version.
   */
  apiVersion: SpecVersion | null;
  method: string;
  path: string;
  query: [string, string][];
  requestHeaders: Record<string, string> | undefined;
  requestContentType: string | undefined;
  requestBody: unknown;
  status: number;
  responseContentType: string | undefined;
  responseBody: unknown;
  /** Set when the sandbox injected this answer on purpose (what kind of fault). */
  fault: string | undefined;
}

export interface Verdict {
  exchange: Exchange;
  /** The spec the exchange was held against; 'refused' for a 406 version refusal; undefined outside MX's API. */
  version: SpecVersion | 'refused' | undefined;
  operationId: string | undefined;
  allowance: string | undefined;
  problems: string[];
}

type Line = Record<string, unknown>;

/** Reads every JSON line; a line that cannot be parsed becomes a violation of its own, not a crash. */
export function readExchanges(file: string): { exchanges: Exchange[]; unreadable: string[] } {
  const exchanges: Exchange[] = [];
  const unreadable: string[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const source = `${path.basename(file)}:${index + 1}`;
    try {
      exchanges.push(normalise(JSON.parse(text) as Line, source));
    } catch (error) {
      unreadable.push(`${source}: unreadable record (${(error as Error).message})`);
    }
  });
  return { exchanges, unreadable };
}

export function jsonlFilesIn(dir: string | undefined): string[] {
  if (!dir) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f));
}

function normalise(line: Line, source: string): Exchange {
  const request = (line.request ?? line) as Line;
  const response = (line.response ?? line) as Line;
  const rawUrl = String(request.url ?? request.path ?? '');
  const url = new URL(rawUrl, 'http://recorded.invalid');
  const query: [string, string][] = [...url.searchParams.entries()];
  if (request.query && typeof request.query === 'object') {
    for (const [k, v] of Object.entries(request.query as Line)) for (const one of [v].flat()) query.push([k, String(one)]);
  }
  const status = Number(response.status ?? response.statusCode);
  if (!request.method || !Number.isInteger(status)) throw new Error('missing method or status');
  const apiVersion = line.apiVersion;
  if (apiVersion !== null && !SPEC_VERSIONS.includes(apiVersion as SpecVersion)) throw new Error(`apiVersion ${JSON.stringify(apiVersion)} is none of ${SPEC_VERSIONS.join(', ')} or null`);
  return {
    source,
    apiVersion: apiVersion as SpecVersion | null,
    method: String(request.method).toUpperCase(),
    path: url.pathname,
    query,
    requestHeaders: lowerKeys(line.requestHeaders ?? request.headers),
    requestContentType: optionalString(line.requestContentType),
    requestBody: 'requestBody' in line ? line.requestBody : request.body,
    status,
    responseContentType: optionalString(line.responseContentType),
    responseBody: 'responseBody' in line ? line.responseBody : response.body,
    fault: line.fault === undefined || line.fault === null || line.fault === false ? undefined : String(line.fault),
  };
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function lowerKeys(headers: unknown): Record<string, string> | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

const isEmpty = (body: unknown): boolean => body === undefined || body === null || body === '';

export type Specs = Record<SpecVersion, Spec>;

/** Holds one exchange against the spec of the version it was sent with (a 406 refusal against MX's error envelope). */
export function validateExchange(exchange: Exchange, specs: Specs): Verdict {
  const outside = ALLOWED.find((a) => a.outsideMx && a.applies(exchange, undefined));
  if (outside) return { exchange, version: undefined, operationId: undefined, allowance: outside.id, problems: [] };
  if (exchange.apiVersion === null) return refusal(exchange);
  const spec = specs[exchange.apiVersion];
  const op = spec.find(exchange.method, exchange.path);
  const allowance = ALLOWED.find((a) => !a.outsideMx && a.applies(exchange, op));
  const verdict: Verdict = { exchange, version: spec.version, operationId: op?.operationId, allowance: allowance?.id, problems: [] };
  const problems = verdict.problems;
  if (!op && !allowance) return { ...verdict, problems: [`${exchange.method} ${exchange.path} is not an operation of the ${spec.version} spec`] };

  if (op) {
    // A 4xx is the server refusing the request, so a request the spec would reject is expected there.
    const refused = exchange.status >= 400 && exchange.status < 500;
    for (const [name, value] of refused ? [] : exchange.query) {
      const param = op.queryParams.get(name);
      if (!param) problems.push(`query parameter "${name}" is not declared for ${op.operationId} in ${spec.version}`);
      else if (!queryValueFits(param, value)) problems.push(`query ${name}=${value} is not ${param.itemEnum ? `one of ${param.itemEnum.join(', ')}` : `a ${param.type}`}`);
    }
    problems.push(...headerProblems(exchange, spec.version));
    if (!isEmpty(exchange.requestBody) && exchange.requestContentType !== undefined && !exchange.requestContentType.startsWith('application/json')) {
      problems.push(`request body sent as ${exchange.requestContentType}, not application/json`);
    }
    if (!isEmpty(exchange.responseBody) && exchange.responseContentType !== undefined && !exchange.responseContentType.startsWith(spec.mediaType)) {
      problems.push(`response served as ${exchange.responseContentType}, not ${spec.mediaType} (${spec.version})`);
    }
    if (!refused && !allowance?.unrecordedRequestBody && !allowance?.checksRequest) problems.push(...requestProblems(exchange, op, spec));
  }
  if (allowance) return { ...verdict, problems: [...problems, ...allowance.check(exchange, op, spec)] };
  if (!op) return verdict;

  if (!op.responses.has(exchange.status)) {
    problems.push(`status ${exchange.status} is not declared for ${op.operationId} in ${spec.version} (declared: ${[...op.responses.keys()].join(', ')})`);
    return verdict;
  }
  const validate = op.responses.get(exchange.status);
  if (validate === null || validate === undefined) {
    if (!isEmpty(exchange.responseBody)) problems.push(`${exchange.status} must have no body`);
  } else if (!validate(exchange.responseBody)) {
    problems.push(`response does not match the ${spec.version} spec: ${spec.errorsText(validate)}`);
  }
  return verdict;
}

const mediaTypes = (accept: string | undefined): string[] =>
  (accept ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase()).filter(Boolean);

/**
 * The version headers MX asks for (shared/mx-api-versions.md §1, §7.1): v20250224 needs `Accept: application/json` and
 * `Accept-Version: v20250224`; v20111101 needs MX's vendor media type and, when a version is named, v20111101.
 */
function headerProblems(exchange: Exchange, version: SpecVersion): string[] {
  const headers = exchange.requestHeaders;
  if (!headers) return ['the record carries no request headers'];
  const accept = mediaTypes(headers.accept);
  const acceptVersion = headers['accept-version'];
  const problems: string[] = [];
  if (version === 'v20250224') {
    if (!accept.includes('application/json') || accept.includes('application/vnd.mx.api.v1+json')) problems.push(`v20250224 request with Accept: ${headers.accept ?? '(none)'}, not application/json`);
    if (acceptVersion !== 'v20250224') problems.push(`v20250224 request with Accept-Version: ${acceptVersion ?? '(none)'}`);
  } else {
    if (!accept.includes('application/vnd.mx.api.v1+json')) problems.push(`v20111101 request with Accept: ${headers.accept ?? '(none)'}, not application/vnd.mx.api.v1+json`);
    if (acceptVersion !== undefined && acceptVersion !== 'v20111101') problems.push(`v20111101 request with Accept-Version: ${acceptVersion}`);
  }
  return problems;
}

/** A request the sandbox refused for its version: 406 in MX's error envelope, naming the header, and rightly so. */
function refusal(exchange: Exchange): Verdict {
  const problems: string[] = [];
  if (exchange.status !== 406) problems.push(`an exchange with no API version answered ${exchange.status}, not 406`);
  problems.push(...checkEnvelope(exchange));
  const message = (exchange.responseBody as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === 'string' && !message.includes('Accept-Version')) problems.push(`the 406 sentence does not name Accept-Version: ${message}`);
  const asked = exchange.requestHeaders?.['accept-version'];
  if (asked === 'v20250224' || asked === 'v20111101') problems.push(`refused a request that asked for ${asked}`);
  return { exchange, version: 'refused', operationId: undefined, allowance: undefined, problems };
}

function requestProblems(exchange: Exchange, op: Operation, spec: Spec): string[] {
  if (!op.validateRequest) return isEmpty(exchange.requestBody) ? [] : [`${op.operationId} takes no request body`];
  if (isEmpty(exchange.requestBody)) return [`${op.operationId} requires a request body`];
  return op.validateRequest(exchange.requestBody) ? [] : [`request does not match the ${spec.version} spec: ${spec.errorsText(op.validateRequest)}`];
}
