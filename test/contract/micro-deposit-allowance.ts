import type { Allowance } from './allowed.js';
import type { Spec } from './spec.js';

// MicrodepositResponseBody types `micro_deposit` as an array of allOf(MicrodepositElements, MicrodepositResponse)
// (v20250224.yml line 9828, v20111101.yml 7855), while MX's sample answer is one object; and a pre-initiate sends
// only email, first_name and last_name, which the create's own description allows though MicrodepositElements
// requires the account fields. And v20111101 declares its micro-deposit answers under application/json alone, not
// under its vendor media type, so its list has no schema there. Everything let through is still held against the
// schemas, field by field.

const ANSWERED_AS_BODY = new Set(['createMicrodeposit', 'readUserMicrodeposit', 'verifyMicrodeposit', 'listUserVerifications']);
const ACCOUNT_FIELDS = ['account_number', 'account_type', 'routing_number'];
const RESPONSE_FIELDS = new Set(['error_message', 'guid', 'institution_code', 'institution_name', 'status', 'updated_at', 'verified_at']);
const ELEMENT_FIELDS = new Set(['account_name', 'account_number', 'account_type', 'email', 'first_name', 'last_name', 'routing_number']);

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const pick = (item: Obj, keys: Set<string>) => Object.fromEntries(Object.entries(item).filter(([key]) => keys.has(key)));

/** One micro-deposit: its MicrodepositResponse part, its MicrodepositElements part (required fields unless pre-initiated), nothing else. */
function microDepositProblems(item: unknown, spec: Spec): string[] {
  if (!isObject(item)) return [`micro_deposit entry is not an object: ${JSON.stringify(item)}`];
  const problems: string[] = [];
  const stray = Object.keys(item).filter((key) => !RESPONSE_FIELDS.has(key) && !ELEMENT_FIELDS.has(key));
  if (stray.length > 0) problems.push(`micro_deposit has fields neither schema declares: ${stray.join(', ')}`);
  const response = spec.schema('MicrodepositResponse');
  if (!response(pick(item, RESPONSE_FIELDS))) problems.push(`micro_deposit does not match MicrodepositResponse: ${spec.errorsText(response)}`);
  const elements = pick(item, ELEMENT_FIELDS);
  if (item.status === 'PREINITIATED') {
    const nonString = Object.entries(elements).filter(([, value]) => typeof value !== 'string').map(([key]) => key);
    if (nonString.length > 0) problems.push(`pre-initiated micro_deposit fields that are not strings: ${nonString.join(', ')}`);
  } else {
    const validate = spec.schema('MicrodepositElements');
    if (!validate(elements)) problems.push(`micro_deposit does not match MicrodepositElements: ${spec.errorsText(validate)}`);
  }
  return problems;
}

function requestProblems(body: unknown, operationId: string, validate: ((data: unknown) => boolean) | undefined, spec: Spec): string[] {
  if (operationId !== 'createMicrodeposit' && operationId !== 'verifyMicrodeposit') return body === undefined || body === null ? [] : [`${operationId} takes no request body`];
  const inner = isObject(body) ? body.micro_deposit : undefined;
  const preinitiate = operationId === 'createMicrodeposit' && isObject(inner) && ACCOUNT_FIELDS.every((key) => inner[key] === undefined);
  if (!preinitiate) return validate?.(body) ? [] : [`request does not match the ${spec.version} spec: ${JSON.stringify(body)}`];
  const keys = Object.keys(inner);
  const ok = ['email', 'first_name', 'last_name'].every((key) => typeof inner[key] === 'string') && keys.length === 3 && Object.keys(body as Obj).length === 1;
  return ok ? [] : [`a pre-initiate must send exactly email, first_name and last_name: ${JSON.stringify(body)}`];
}

export const MICRO_DEPOSIT_BODY: Allowance = {
  id: 'micro-deposit-object',
  reason:
    'MicrodepositResponseBody types micro_deposit as an array (spec line 9828) but MX\'s sample answers one object; ' +
    'createMicrodeposit requires the account fields although its description pre-initiates from email, first_name and last_name; ' +
    'v20111101 declares the micro-deposit answers under application/json only, not its vendor media type.',
  checksRequest: true,
  applies: (exchange, op) => op !== undefined && (ANSWERED_AS_BODY.has(op.operationId) || op.operationId === 'listUserMicrodeposits') && exchange.status < 300,
  check: (exchange, op, spec) => {
    if (!op) return [];
    if (op.operationId === 'listUserMicrodeposits') {
      const list = spec.schema('MicrodepositsResponseBody');
      return list(exchange.responseBody) ? [] : [`list does not match MicrodepositsResponseBody: ${spec.errorsText(list)}`];
    }
    const problems = requestProblems(exchange.requestBody, op.operationId, op.validateRequest, spec);
    if (!op.responses.has(exchange.status)) problems.push(`status ${exchange.status} is not declared for ${op.operationId}`);
    const body = exchange.responseBody;
    if (!isObject(body) || Object.keys(body).join() !== 'micro_deposit') return [...problems, `body is not {"micro_deposit": ...}: ${JSON.stringify(body)}`];
    const listed = op.operationId === 'listUserVerifications';
    if (listed !== Array.isArray(body.micro_deposit)) problems.push(`micro_deposit is ${listed ? 'not ' : ''}a list for ${op.operationId}`);
    for (const item of [body.micro_deposit].flat()) problems.push(...microDepositProblems(item, spec));
    return problems;
  },
};
