import { describe, expect, it } from 'vitest';
import { validateExchange, type Exchange } from './exchange.js';
import { loadSpec } from './spec.js';

// The validator must fail loudly: each case below is a real mistake a client or sandbox could make.

const spec = loadSpec();
const USER = 'USR-11141024-90b3-1bce-cac9-c06ced52ab4c';
const MEMBER = 'MBR-3bdc7d6b-efd4-1497-a0af-b23501cf9bd0';
const member = { guid: MEMBER, connection_status: 'CONNECTED', is_being_aggregated: false };

function exchange(partial: Partial<Exchange>): Exchange {
  return {
    source: 'test', method: 'GET', path: `/users/${USER}/members/${MEMBER}`, query: [], requestHeaders: undefined,
    requestContentType: undefined, requestBody: null, status: 200, responseContentType: undefined,
    responseBody: { member }, fault: undefined, ...partial,
  };
}
const problems = (partial: Partial<Exchange>) => validateExchange(exchange(partial), spec).problems;

describe('contract validator', () => {
  it('accepts a valid exchange and names its operation', () => {
    expect(validateExchange(exchange({}), spec)).toMatchObject({ operationId: 'readMember', problems: [] });
  });

  it.each<[string, Partial<Exchange>, RegExp]>([
    ['a wrongly typed field', { responseBody: { member: { ...member, connection_status: 3 } } }, /connection_status must be string/],
    ['an undeclared status', { status: 201 }, /status 201 is not declared for readMember/],
    ['an undeclared path', { path: '/users/x/widgets' }, /is not an operation of the spec/],
    ['an undeclared query parameter', { query: [['per_page', '10']] }, /"per_page" is not declared/],
    ['a query value of the wrong type', { path: '/users', query: [['page', 'two']], responseBody: { users: [], pagination: {} } }, /page=two is not a integer/],
    ['a body on verify', { method: 'POST', path: `/users/${USER}/members/${MEMBER}/verify`, requestBody: { member: {} } }, /verifyMember takes no request body/],
    ['a request body of the wrong shape', { method: 'PUT', path: `/users/${USER}/members/${MEMBER}/resume`, status: 202, requestBody: { member: { challenges: 'correct' } } }, /request does not match/],
    ['an error without the MX envelope', { status: 404, responseBody: { message: 'nope' } }, /not \{"error":\{"message":string\}\}/],
    ['a 204 challenges answer with a body', { path: `/users/${USER}/members/${MEMBER}/challenges`, status: 204, responseBody: { challenges: [] } }, /204 from listMemberChallenges carries a body/],
    ['a 204 on an operation that answers 200', { status: 204, responseBody: null }, /status 204 is not declared/],
    ['the wrong response media type', { responseContentType: 'application/json' }, /not application\/vnd\.mx\.api\.v1\+json/],
  ])('rejects %s', (_name, partial, message) => {
    expect(problems(partial).join('\n')).toMatch(message);
  });

  it('lets through only the allow-listed exceptions', () => {
    expect(validateExchange(exchange({ path: '/__sandbox/stats', responseBody: { users: 1 } }), spec)).toMatchObject({ allowance: 'sandbox-control', problems: [] });
    expect(validateExchange(exchange({ method: 'POST', path: `/users/${USER}/members/${MEMBER}/verify`, status: 202 }), spec)).toMatchObject({ allowance: 'verify-202-already-running', problems: [] });
    expect(validateExchange(exchange({ status: 503, fault: 'error', responseBody: { error: { message: 'Service is unavailable.' } } }), spec)).toMatchObject({ allowance: 'fault-injected', problems: [] });
    expect(problems({ method: 'POST', path: `/users/${USER}/members/${MEMBER}/verify`, status: 202, responseBody: { member: { ...member, is_oauth: 'no' } } })).toHaveLength(1);
  });
});
