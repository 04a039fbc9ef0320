import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALLOWED } from './allowed.js';
import { MX_MEDIA_TYPE, queryValueFits, type Spec } from './spec.js';

/** One request/response pair as the sandbox records it (a JSON line), normalised. */
export interface Exchange {
  source: string;
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
  return {
    source,
    method: String(request.method).toUpperCase(),
    path: url.pathname,
    query,
    requestHeaders: lowerKeys(request.headers),
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
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

const isEmpty = (body: unknown): boolean => body === undefined || body === null || body === '';

export function validateExchange(exchange: Exchange, spec: Spec): Verdict {
  const op = spec.find(exchange.method, exchange.path);
  const allowance = ALLOWED.find((a) => a.applies(exchange, op));
  const verdict: Verdict = { exchange, operationId: op?.operationId, allowance: allowance?.id, problems: [] };
  const problems = verdict.problems;
  if (!op && !allowance) return { ...verdict, problems: [`${exchange.method} ${exchange.path} is not an operation of the spec`] };

  if (op) {
    for (const [name, value] of exchange.query) {
      const param = op.queryParams.get(name);
      if (!param) problems.push(`query parameter "${name}" is not declared for ${op.operationId}`);
      else if (!queryValueFits(param.type, value)) problems.push(`query ${name}=${value} is not a ${param.type}`);
    }
    if (exchange.requestHeaders && !exchange.requestHeaders.accept?.includes('application/vnd.mx.api.v1+json')) {
      problems.push('request without Accept: application/vnd.mx.api.v1+json');
    }
    if (!isEmpty(exchange.requestBody) && exchange.requestContentType !== undefined && !exchange.requestContentType.startsWith('application/json')) {
      problems.push(`request body sent as ${exchange.requestContentType}, not application/json`);
    }
    if (!isEmpty(exchange.responseBody) && exchange.responseContentType !== undefined && !exchange.responseContentType.startsWith(MX_MEDIA_TYPE)) {
      problems.push(`response served as ${exchange.responseContentType}, not ${MX_MEDIA_TYPE}`);
    }
    // A 4xx is the server refusing the request, so a request the spec would reject is expected there.
    const refused = exchange.status >= 400 && exchange.status < 500;
    if (!refused && !allowance?.unrecordedRequestBody) problems.push(...requestProblems(exchange, op, spec));
  }
  if (allowance) return { ...verdict, problems: [...problems, ...allowance.check(exchange, op, spec)] };
  if (!op) return verdict;

  if (!op.responses.has(exchange.status)) {
    problems.push(`status ${exchange.status} is not declared for ${op.operationId} (declared: ${[...op.responses.keys()].join(', ')})`);
    return verdict;
  }
  const validate = op.responses.get(exchange.status);
  if (validate === null || validate === undefined) {
    if (!isEmpty(exchange.responseBody)) problems.push(`${exchange.status} must have no body`);
  } else if (!validate(exchange.responseBody)) {
    problems.push(`response does not match the spec: ${spec.errorsText(validate)}`);
  }
  return verdict;
}

function requestProblems(exchange: Exchange, op: NonNullable<ReturnType<Spec['find']>>, spec: Spec): string[] {
  if (!op.validateRequest) return isEmpty(exchange.requestBody) ? [] : [`${op.operationId} takes no request body`];
  if (isEmpty(exchange.requestBody)) return [`${op.operationId} requires a request body`];
  return op.validateRequest(exchange.requestBody) ? [] : [`request does not match the spec: ${spec.errorsText(op.validateRequest)}`];
}
