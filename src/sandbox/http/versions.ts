import { ACCOUNT_VERIFICATION_PRODUCT, API_VERSIONS, type ApiVersion, LEGACY_MEDIA_TYPE, VERSION_HEADERS, versionOfHeader } from '../../domain/api-versions.js';
import type { User } from '../../mx/types.js';
import { type CatalogInstitution, PRODUCTS, type Product } from '../bank/institutions.js';
import { ApiError, badRequest } from './reply.js';
import { type Fields, isObject, optionalBoolean, queryFlag, wrapped } from './validate.js';

// Every difference between the two MX API versions the sandbox serves lives here (shared/mx-api-versions.md §3);
// routes ask the request's version instead of testing its name.

/** What a create-member body asks for, read the way its version reads it. */
export interface CreateRequest {
  member: Fields;
  /** v20250224 `data_request.products`; null when the body names none (v20111101 never does). */
  products: Product[] | null;
  skipAggregation: boolean;
}

export interface SandboxVersion {
  name: ApiVersion;
  /** The media type every JSON answer of this version carries. */
  mediaType: string;
  /** v20250224's `{user_identifier}`/`{member_identifier}` path segments take the partner `id` as well as the guid. */
  partnerIds: boolean;
  presentInstitution(inst: CatalogInstitution): Record<string, unknown>;
  /** The list-institutions filters of this version, and whether a hidden institution is listed. */
  institutionFilter(query: URLSearchParams): (inst: CatalogInstitution) => boolean;
  createRequest(body: unknown): CreateRequest;
  /** Whether an update-member body asks not to aggregate after new credentials. */
  skipAggregation(member: Fields): boolean;
  /** Drops the account fields this version does not have. */
  presentAccount(account: Record<string, unknown>): Record<string, unknown>;
  presentUser(user: User): Partial<User>;
}

const V11_FLAGS = ['supports_account_identification', 'supports_account_statement', 'supports_account_verification', 'supports_transaction_history'] as const;

const v20111101: SandboxVersion = {
  name: 'v20111101',
  mediaType: VERSION_HEADERS.v20111101.mediaType,
  partnerIds: false,
  presentInstitution: (inst) => ({ ...inst.institution }),
  institutionFilter: (query) => {
    const wanted = V11_FLAGS.map((flag) => [flag, queryFlag(query, flag)] as const).filter(([, value]) => value !== undefined);
    // v20111101 has no is_hidden to warn a client, so a hidden institution is not offered there at all. [unconfirmed for MX]
    return (inst) => !inst.hidden && wanted.every(([flag, value]) => inst.institution[flag] === value);
  },
  createRequest: (body) => {
    const member = wrapped(body, 'member');
    return { member, products: null, skipAggregation: optionalBoolean(member, 'skip_aggregation') ?? false };
  },
  skipAggregation: (member) => optionalBoolean(member, 'skip_aggregation') ?? false,
  presentAccount: (account) => account,
  presentUser: (user) => ({ ...user }),
};

/** AccountResponse fields v20250224 removed (65 in all: these patterns and names, §3.5). */
const removedAccountField = (key: string): boolean =>
  key.endsWith('_set_by') || key.startsWith('feed_') || ['institution_guid', 'holdings_value', 'calculated_apr'].includes(key);

/** The query enum spells Extended History `history`; the response enum (and data_request) `transaction_history`. */
const QUERY_PRODUCTS: Record<string, Product> = { ...Object.fromEntries(PRODUCTS.map((p) => [p, p])), history: 'transaction_history' };

function productsOf(values: unknown[], where: string): Product[] {
  return values.map((value) => {
    const product = typeof value === 'string' && Object.hasOwn(QUERY_PRODUCTS, value) ? QUERY_PRODUCTS[value] : undefined;
    if (!product || (where === 'data_request.products' && value === 'history')) {
      throw badRequest(`${where} takes ${PRODUCTS.join(', ')}; ${JSON.stringify(value)} is none of them.`);
    }
    return product;
  });
}

/** Stable for the catalog's life, like MX's; the value itself carries no meaning. */
const INSTITUTION_CREATED_AT = '2016-10-13T17:57:36Z';

const v20250224: SandboxVersion = {
  name: 'v20250224',
  mediaType: VERSION_HEADERS.v20250224.mediaType,
  partnerIds: true,
  presentInstitution: (inst) => {
    const { supports_account_identification: _i, supports_account_statement: _s, supports_account_verification: _v, supports_transaction_history: _h, ...rest } = inst.institution;
    return { ...rest, guid: inst.guid, created_at: INSTITUTION_CREATED_AT, is_hidden: inst.hidden, supported_products: [...inst.products] };
  },
  institutionFilter: (query) => {
    // A repeated key (`supported_products=a&supported_products=b`, as MX's SDK 3.x sends arrays); an institution
    // must support every product asked for. The spec says hidden institutions are listed, flagged by is_hidden.
    const wanted = productsOf(query.getAll('supported_products'), 'supported_products');
    return (inst) => wanted.every((product) => inst.products.includes(product));
  },
  createRequest: (body) => {
    const member = wrapped(body, 'member');
    // v20250224's MemberCreateRequest has no skip_aggregation (MX's migration guide: "no longer used") and, like
    // every MX schema, does not forbid other properties, so a client that still sends it is not refused: the
    // field is ignored and the member aggregates as asked by data_request. The contract test flags the field.
    const request = isObject(body) ? body.data_request : undefined;
    if (request === undefined || request === null) return { member, products: null, skipAggregation: false };
    if (!isObject(request) || !Array.isArray(request.products)) throw badRequest('"data_request" must be an object with a "products" array.');
    return { member, products: productsOf(request.products, 'data_request.products'), skipAggregation: false };
  },
  skipAggregation: () => false,
  presentAccount: (account) => Object.fromEntries(Object.entries(account).filter(([key]) => !removedAccountField(key))),
  // v20250224's UserResponse types email as a string that cannot be null (v20111101: nullable), so a user
  // without one is shown without the field rather than with a null the spec forbids. [unconfirmed for MX]
  presentUser: ({ email, ...rest }) => ({ ...rest, ...(email === null ? {} : { email }) }),
};

export const SANDBOX_VERSIONS: Record<ApiVersion, SandboxVersion> = { v20250224, v20111101 };

export const ASKS_FOR_VERIFICATION = (products: Product[] | null): boolean => products?.includes(ACCOUNT_VERIFICATION_PRODUCT) ?? false;

/** The sentence every version refusal ends with: the header to send and the values it takes. */
export const SEND_ACCEPT_VERSION = `Send the Accept-Version header: ${API_VERSIONS.join(' or ')}.`;

/** The two request headers that choose a version (not to be confused with the headers a version sends). */
interface AskedVersion {
  accept?: string;
  acceptVersion?: string;
}

/**
 * The version a request is served as, chosen by Accept-Version as MX does since August 12, 2026; or 406 in MX's
 * envelope. A named version is served whatever Accept says (MX: "Versions are set in the Accept-Version header";
 * the contract test judges the Accept a client sends). `legacyAccept` serves a request without Accept-Version as
 * v20111101 when its Accept names MX's vendor media type, which is how MX chose the version before that date.
 */
export function negotiate(headers: AskedVersion, legacyAccept: boolean): SandboxVersion {
  const named = headers.acceptVersion;
  if (named !== undefined) {
    const known = versionOfHeader(named);
    if (!known) throw new ApiError(406, `Accept-Version ${JSON.stringify(named.slice(0, 40))} is not an API version this server serves. ${SEND_ACCEPT_VERSION}`);
    return SANDBOX_VERSIONS[known];
  }
  if (legacyAccept && (headers.accept ?? '').includes(LEGACY_MEDIA_TYPE)) return v20111101;
  throw new ApiError(406, `The request didn't specify a valid API version. ${SEND_ACCEPT_VERSION}`);
}
