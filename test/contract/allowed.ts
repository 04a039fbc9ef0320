import type { Operation, Spec } from './spec.js';
import type { Exchange } from './exchange.js';

// The ONLY place where traffic the spec does not declare is accepted. Each entry says why MX really behaves this
// way (or why the path is not MX at all) and still checks the shape of what it lets through.

export interface Allowance {
  id: string;
  reason: string;
  applies(exchange: Exchange, op: Operation | undefined): boolean;
  /** True when the record cannot show the request body, so it is not checked (say why in `reason`). */
  unrecordedRequestBody?: boolean;
  /** Problems with what the allowance lets through; empty when it is fine. */
  check(exchange: Exchange, op: Operation | undefined, spec: Spec): string[];
}

const isEmpty = (body: unknown): boolean => body === undefined || body === null || body === '';

/** `{"error": {"message": "..."}}`: the envelope MX's error responses use (notes §8); v20111101 declares no errors. */
const ERROR_ENVELOPE = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['message'], properties: { message: { type: 'string', minLength: 1 } } } },
};

function checkEnvelope(exchange: Exchange, spec: Spec): string[] {
  const validate = spec.compile(ERROR_ENVELOPE);
  return validate(exchange.responseBody) ? [] : [`error body is not {"error":{"message":string}}: ${JSON.stringify(exchange.responseBody)}`];
}

export const ALLOWED: readonly Allowance[] = [
  {
    id: 'sandbox-control',
    reason: '/__sandbox/* is the sandbox’s own control API (stats, clock, authorization), not an MX path.',
    applies: (exchange) => exchange.path.startsWith('/__sandbox/'),
    check: () => [],
  },
  {
    id: 'oauth-authorize-page',
    reason: 'The OAuth window URI points at the simulated bank’s authorize page (HTML, browser-facing), not at the MX API.',
    applies: (exchange, op) => op === undefined && /^\/oauth\//.test(exchange.path),
    check: () => [],
  },
  {
    id: 'fault-injected',
    reason:
      'Answers the sandbox injects on purpose (--fail-rate/--throttle-rate) to exercise retries; MX sends 429/5xx the same way. ' +
      'A fault decided before processing is recorded with requestBody null (the sandbox never parsed it), so the request body is not checked.',
    applies: (exchange) => exchange.fault !== undefined,
    unrecordedRequestBody: true,
    check: (exchange, _op, spec) =>
      exchange.status >= 400 && !isEmpty(exchange.responseBody) ? checkEnvelope(exchange, spec) : [],
  },
  {
    id: 'error-envelope',
    reason: 'MX documents 400/401/403/404/405/406/409/422/429/5xx (docs.mx.com errors page) but the spec declares success codes only.',
    applies: (exchange) => exchange.status >= 400,
    check: (exchange, _op, spec) => checkEnvelope(exchange, spec),
  },
  {
    id: 'challenges-204',
    reason: 'listMemberChallenges’ own description: "not CHALLENGED … 204 No Content will be returned", yet 204 is not in its responses.',
    applies: (exchange, op) => op?.operationId === 'listMemberChallenges' && exchange.status === 204,
    check: (exchange) => (isEmpty(exchange.responseBody) ? [] : ['204 from listMemberChallenges carries a body']),
  },
  {
    id: 'verify-202-already-running',
    reason: 'MX: POST /verify answers 202 when a verification is already running (errors page, verification guide); spec lists 200 only.',
    applies: (exchange, op) => op?.operationId === 'verifyMember' && exchange.status === 202,
    check: (exchange, _op, spec) => {
      if (isEmpty(exchange.responseBody)) return [];
      const validate = spec.schema('MemberResponseBody');
      return validate(exchange.responseBody) ? [] : [`202 body does not match MemberResponseBody: ${spec.errorsText(validate)}`];
    },
  },
];
