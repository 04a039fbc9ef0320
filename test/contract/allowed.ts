import type { Operation, Spec } from './spec.js';
import type { Exchange } from './exchange.js';
import { MICRO_DEPOSIT_BODY } from './micro-deposit-allowance.js';

// The ONLY place where traffic the spec does not declare is accepted. Each entry says why MX really behaves this
// way (or why the path is not MX at all) and still checks the shape of what it lets through.

export interface Allowance {
  id: string;
  reason: string;
  /** Traffic that is not MX's API at all, so no version applies to it. */
  outsideMx?: boolean;
  applies(exchange: Exchange, op: Operation | undefined): boolean;
  /** True when the record cannot show the request body, so it is not checked (say why in `reason`). */
  unrecordedRequestBody?: boolean;
  /** True when `check` holds the request body against the spec itself (in place of the operation's validator). */
  checksRequest?: boolean;
  /** Problems with what the allowance lets through; empty when it is fine. */
  check(exchange: Exchange, op: Operation | undefined, spec: Spec): string[];
}

const isEmpty = (body: unknown): boolean => body === undefined || body === null || body === '';

/** `{"error": {"message": "..."}}`: the envelope MX's error responses use (notes §8); neither spec declares errors. */
export function checkEnvelope(exchange: Exchange): string[] {
  const body = exchange.responseBody as { error?: { message?: unknown } } | null | undefined;
  const message = body?.error?.message;
  return typeof message === 'string' && message.length > 0 ? [] : [`error body is not {"error":{"message":string}}: ${JSON.stringify(exchange.responseBody)}`];
}

export const ALLOWED: readonly Allowance[] = [
  {
    id: 'sandbox-control',
    reason: '/__sandbox/* and /_sandbox/* are the sandbox’s own control API (stats; clock, webhooks, forced states: issue 17), not MX paths.',
    outsideMx: true,
    applies: (exchange) => exchange.path.startsWith('/__sandbox/') || exchange.path.startsWith('/_sandbox/'),
    check: () => [],
  },
  {
    id: 'oauth-authorize-page',
    reason: 'The OAuth window URI points at the simulated bank’s authorize page (HTML, browser-facing), not at the MX API.',
    outsideMx: true,
    applies: (exchange) => /^\/oauth\//.test(exchange.path),
    check: () => [],
  },
  {
    id: 'fault-injected',
    reason:
      'Answers the sandbox injects on purpose (--fail-rate/--throttle-rate) to exercise retries; MX sends 429/5xx the same way. ' +
      'A fault decided before processing is recorded with requestBody null (the sandbox never parsed it), so the request body is not checked.',
    applies: (exchange) => exchange.fault !== undefined,
    unrecordedRequestBody: true,
    check: (exchange) =>
      exchange.status >= 400 && !isEmpty(exchange.responseBody) ? checkEnvelope(exchange) : [],
  },
  {
    id: 'error-envelope',
    reason: 'MX documents 400/401/403/404/405/406/409/422/429/5xx (docs.mx.com errors page) but the spec declares success codes only.',
    applies: (exchange) => exchange.status >= 400,
    check: (exchange) => checkEnvelope(exchange),
  },
  {
    id: 'challenges-204',
    reason: 'listMemberChallenges’ own description: "not CHALLENGED … 204 No Content will be returned", yet 204 is not in its responses.',
    applies: (exchange, op) => op?.operationId === 'listMemberChallenges' && exchange.status === 204,
    check: (exchange) => (isEmpty(exchange.responseBody) ? [] : ['204 from listMemberChallenges carries a body']),
  },
  {
    id: 'create-member-201',
    reason:
      'v20250224 create member answers 201 when "one or more products in data_request failed" (MX create-member page; ' +
      'MX added the 201 response on 2026-02-03); the spec file (Nov 2025) lists 200/202 only.',
    applies: (exchange, op) => op?.operationId === 'createMember' && exchange.status === 201 && exchange.apiVersion === 'v20250224',
    check: (exchange, _op, spec) => {
      const validate = spec.schema('MemberResponseBody');
      return validate(exchange.responseBody) ? [] : [`201 body does not match MemberResponseBody: ${spec.errorsText(validate)}`];
    },
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
  MICRO_DEPOSIT_BODY,
];
