import { describe, expect, it } from 'vitest';
import { validateExchange, type Exchange, type Specs } from './exchange.js';
import { loadSpec } from './spec.js';

// The validator must fail loudly: each case below is a real mistake a client or sandbox could make, on either version.

const specs: Specs = { v20250224: loadSpec('v20250224'), v20111101: loadSpec('v20111101') };
const USER = 'USR-11141024-90b3-1bce-cac9-c06ced52ab4c';
const MEMBER = 'MBR-3bdc7d6b-efd4-1497-a0af-b23501cf9bd0';
const member = { guid: MEMBER, connection_status: 'CONNECTED', is_being_aggregated: false };
const LEGACY = { accept: 'application/vnd.mx.api.v1+json', 'accept-version': 'v20111101' };
const CURRENT = { accept: 'application/json', 'accept-version': 'v20250224' };
const MEMBERS = `/users/${USER}/members`;

function legacy(partial: Partial<Exchange>): Exchange {
  return {
    source: 'test', apiVersion: 'v20111101', method: 'GET', path: `${MEMBERS}/${MEMBER}`, query: [], requestHeaders: LEGACY,
    requestContentType: undefined, requestBody: null, status: 200, responseContentType: 'application/vnd.mx.api.v1+json',
    responseBody: { member }, fault: undefined, ...partial,
  };
}
const current = (partial: Partial<Exchange>): Exchange =>
  legacy({ apiVersion: 'v20250224', requestHeaders: CURRENT, responseContentType: 'application/json; charset=utf-8', ...partial });
const problems = (exchange: Exchange) => validateExchange(exchange, specs).problems.join('\n');
const createBody = (extra: object) => ({ member: { institution_code: 'mxbank', credentials: [{ guid: 'CRD-1', value: 'x' }], ...extra } });

describe('contract validator', () => {
  it('accepts a valid exchange on each version and names its operation and version', () => {
    expect(validateExchange(legacy({}), specs)).toMatchObject({ version: 'v20111101', operationId: 'readMember', problems: [] });
    expect(validateExchange(current({}), specs)).toMatchObject({ version: 'v20250224', operationId: 'readMember', problems: [] });
  });

  it.each<[string, Exchange, RegExp]>([
    ['a wrongly typed field', legacy({ responseBody: { member: { ...member, connection_status: 3 } } }), /connection_status must be string/],
    ['an undeclared status', legacy({ status: 201 }), /status 201 is not declared for readMember/],
    ['an undeclared path', legacy({ path: '/users/x/widgets' }), /is not an operation of the v20111101 spec/],
    ['an undeclared query parameter', legacy({ query: [['per_page', '10']] }), /"per_page" is not declared/],
    ['a query value of the wrong type', legacy({ path: '/users', query: [['page', 'two']], responseBody: { users: [], pagination: {} } }), /page=two is not a integer/],
    ['a body on verify', legacy({ method: 'POST', path: `${MEMBERS}/${MEMBER}/verify`, requestBody: { member: {} } }), /verifyMember takes no request body/],
    ['a request body of the wrong shape', legacy({ method: 'PUT', path: `${MEMBERS}/${MEMBER}/resume`, status: 202, requestBody: { member: { challenges: 'correct' } } }), /request does not match/],
    ['an error without the MX envelope', legacy({ status: 404, responseBody: { message: 'nope' } }), /not \{"error":\{"message":string\}\}/],
    ['a 204 challenges answer with a body', legacy({ path: `${MEMBERS}/${MEMBER}/challenges`, status: 204, responseBody: { challenges: [] } }), /204 from listMemberChallenges carries a body/],
    ['a 204 on an operation that answers 200', legacy({ status: 204, responseBody: null }), /status 204 is not declared/],
    ['v20111101 served as plain JSON', legacy({ responseContentType: 'application/json' }), /not application\/vnd\.mx\.api\.v1\+json/],
    ['v20250224 served as MX’s legacy type', current({ responseContentType: 'application/vnd.mx.api.v1+json' }), /not application\/json \(v20250224\)/],
    ['v20250224 without Accept-Version', current({ requestHeaders: { accept: 'application/json' } }), /v20250224 request with Accept-Version: \(none\)/],
    ['v20250224 with the legacy Accept', current({ requestHeaders: { ...CURRENT, accept: 'application/vnd.mx.api.v1+json' } }), /v20250224 request with Accept: application\/vnd/],
    ['v20111101 without the vendor Accept', legacy({ requestHeaders: { accept: 'application/json', 'accept-version': 'v20111101' } }), /v20111101 request with Accept: application\/json/],
    ['v20111101 naming another version', legacy({ requestHeaders: { ...LEGACY, 'accept-version': 'v20250224' } }), /v20111101 request with Accept-Version: v20250224/],
    ['a record without headers', current({ requestHeaders: undefined }), /carries no request headers/],
    ['the legacy institution filter on v20250224', current({ path: '/institutions', query: [['supports_account_verification', 'true']], responseBody: { institutions: [], pagination: {} } }), /"supports_account_verification" is not declared for listInstitutions in v20250224/],
    ['an unknown product', current({ path: '/institutions', query: [['supported_products', 'account_numbers']], responseBody: { institutions: [], pagination: {} } }), /supported_products=account_numbers is not one of account_verification/],
    ['skip_aggregation on v20250224', current({ method: 'POST', path: MEMBERS, status: 202, requestBody: createBody({ skip_aggregation: true }) }), /request does not match the v20250224 spec/],
    ['a 201 from create member on v20111101', legacy({ method: 'POST', path: MEMBERS, status: 201, requestBody: createBody({ skip_aggregation: true }) }), /status 201 is not declared for createMember in v20111101/],
    ['a refusal that is not 406', current({ apiVersion: null, status: 400, responseBody: { error: { message: 'Send Accept-Version.' } } }), /answered 400, not 406/],
    ['a refusal outside the envelope', current({ apiVersion: null, status: 406, responseBody: 'Not Acceptable' }), /not \{"error"/],
    ['a refusal that does not name the header', current({ apiVersion: null, status: 406, responseBody: { error: { message: 'Not acceptable.' } } }), /does not name Accept-Version/],
    ['a refusal of a known version', current({ apiVersion: null, status: 406, responseBody: { error: { message: 'Accept-Version?' } } }), /refused a request that asked for v20250224/],
  ])('rejects %s', (_name, exchange, message) => {
    expect(problems(exchange)).toMatch(message);
  });

  it('holds each version’s request shapes to its own spec', () => {
    const search = { path: '/institutions', responseBody: { institutions: [], pagination: {} } };
    expect(problems(current({ ...search, query: [['supported_products', 'account_verification']] }))).toBe('');
    expect(problems(legacy({ ...search, query: [['supports_account_verification', 'true']] }))).toBe('');
    const dataRequest = { data_request: { products: ['account_verification'] }, ...createBody({}) };
    expect(problems(current({ method: 'POST', path: MEMBERS, status: 202, requestBody: dataRequest }))).toBe('');
    expect(problems(legacy({ method: 'POST', path: MEMBERS, status: 202, requestBody: createBody({ skip_aggregation: true }) }))).toBe('');
  });

  it('accepts a refusal of a request without a (known) version as MX’s 406 envelope', () => {
    const refusal = { apiVersion: null, status: 406, responseBody: { error: { message: 'Send the Accept-Version header: v20250224 or v20111101.' } } } as const;
    expect(validateExchange(current({ ...refusal, requestHeaders: { accept: 'application/json' } }), specs)).toMatchObject({ version: 'refused', problems: [] });
    expect(validateExchange(current({ ...refusal, requestHeaders: { accept: 'application/json', 'accept-version': 'v2' } }), specs)).toMatchObject({ version: 'refused', problems: [] });
  });

  it('lets through only the allow-listed exceptions', () => {
    expect(validateExchange(legacy({ apiVersion: null, path: '/__sandbox/stats', responseBody: { users: 1 } }), specs)).toMatchObject({ allowance: 'sandbox-control', problems: [] });
    expect(validateExchange(legacy({ method: 'POST', path: `${MEMBERS}/${MEMBER}/verify`, status: 202 }), specs)).toMatchObject({ allowance: 'verify-202-already-running', problems: [] });
    expect(validateExchange(legacy({ status: 503, fault: 'error', responseBody: { error: { message: 'Service is unavailable.' } } }), specs)).toMatchObject({ allowance: 'fault-injected', problems: [] });
    const created = current({ method: 'POST', path: MEMBERS, status: 201, requestBody: { data_request: { products: ['account_verification'] }, ...createBody({}) } });
    expect(validateExchange(created, specs)).toMatchObject({ allowance: 'create-member-201', problems: [] });
    expect(problems(legacy({ method: 'POST', path: `${MEMBERS}/${MEMBER}/verify`, status: 202, responseBody: { member: { ...member, is_oauth: 'no' } } }))).toMatch(/202 body does not match/);
  });
});
