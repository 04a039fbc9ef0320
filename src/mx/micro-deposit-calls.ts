// The micro-deposit operations of both API versions (v20250224.yml lines 3399-3509, v20111101.yml 2966ff).
import type { MxApi } from './api.js';
import { MxResponseError } from './errors.js';
import { microDepositPath, segment, userPath } from './identifiers.js';
import type { MicroDeposit, MicroDepositApi } from './micro-deposit-types.js';
import type { Context } from './parse.js';
import { writeWithPolicy, type PolicyDeps } from './policies.js';
import * as safe from './safe-writes.js';
import type { Exchange, Query, RequestSpec } from './transport.js';
import type { Page, PageQuery } from './types.js';

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const ctxOf = (spec: RequestSpec): Context => ({ method: spec.method, path: `/${spec.path}` });

function fail(ctx: Context, exchange: Exchange, problem: string): never {
  throw new MxResponseError({ status: exchange.status, method: ctx.method, path: ctx.path, problem });
}

function checked(ctx: Context, exchange: Exchange, item: unknown): MicroDeposit {
  if (!isObject(item)) fail(ctx, exchange, 'a "micro_deposit" that is not an object');
  if (typeof item.guid !== 'string' || item.guid === '') fail(ctx, exchange, 'a micro-deposit without a "guid" string');
  if (item.status !== undefined && item.status !== null && typeof item.status !== 'string') fail(ctx, exchange, 'a micro-deposit whose "status" is not a string');
  return item as unknown as MicroDeposit;
}

/**
 * The spec types MicrodepositResponseBody.micro_deposit as an array (v20250224.yml line 9828), but MX's own sample
 * answer (docs.mx.com/products/connectivity/microdeposits) is one object, and one micro-deposit is what a create,
 * read or verify is about. The sample is followed; a one-element array is read as well, in case MX answers as typed.
 */
export function toMicroDeposit(ctx: Context, exchange: Exchange): MicroDeposit {
  const body = exchange.body;
  if (!isObject(body)) fail(ctx, exchange, body === undefined ? 'an empty body' : 'a body that is not a JSON object');
  const inner = body.micro_deposit;
  if (Array.isArray(inner) && inner.length === 1) return checked(ctx, exchange, inner[0]);
  if (!isObject(inner)) fail(ctx, exchange, 'no "micro_deposit" object in the body');
  return checked(ctx, exchange, inner);
}

/** listUserVerifications answers MicrodepositResponseBody too, here a list ("a list of the account verifications"). */
function toMicroDepositList(ctx: Context, exchange: Exchange): MicroDeposit[] {
  if (exchange.status === 204) return [];
  const body = exchange.body;
  if (!isObject(body)) fail(ctx, exchange, 'a body that is not a JSON object');
  const inner = body.micro_deposit ?? body.micro_deposits;
  const items = Array.isArray(inner) ? inner : isObject(inner) ? [inner] : fail(ctx, exchange, 'no "micro_deposit" list in the body');
  return items.map((item) => checked(ctx, exchange, item));
}

export interface MicroDepositHelpers {
  get(path: string, query?: Query): Promise<{ exchange: Exchange; ctx: Context }>;
  getPage<T>(path: string, key: string, query?: Query, check?: 'guid' | 'member'): Promise<Page<T>>;
}

const pageQuery = (query: PageQuery = {}): Query => ({ page: query.page, records_per_page: query.records_per_page });

export function microDepositCalls({ get, getPage }: MicroDepositHelpers, deps: PolicyDeps, api: () => MxApi): MicroDepositApi {
  const send = (spec: RequestSpec, attempt: number) => deps.transport.send(spec, attempt).then((exchange) => toMicroDeposit(ctxOf(spec), exchange));
  return {
    createMicroDeposit: async (userGuid, microDeposit, { knownGuids } = {}) => {
      const spec: RequestSpec = { method: 'POST', path: `${userPath(userGuid)}/micro_deposits`, body: { micro_deposit: microDeposit } };
      return writeWithPolicy(deps, (attempt) => send(spec, attempt), {
        ...(knownGuids && { onAmbiguous: async (error: unknown) => adoptNew(api(), userGuid, new Set(knownGuids), error) }),
      });
    },
    listMicroDeposits: async (userGuid, query) => getPage<MicroDeposit>(`${userPath(userGuid)}/micro_deposits`, 'micro_deposits', pageQuery(query), 'guid'),
    readMicroDeposit: async (userGuid, guid) => {
      const { exchange, ctx } = await get(microDepositPath(userGuid, guid));
      return toMicroDeposit(ctx, exchange);
    },
    deleteMicroDeposit: async (userGuid, guid) => safe.deleteObject(deps, { method: 'DELETE', path: microDepositPath(userGuid, guid) }),
    // An attempt MX may have counted is never sent twice: a second wrong one could end the micro-deposit PREVENTED.
    verifyMicroDeposit: async (guid, amounts) =>
      writeWithPolicy(deps, (attempt) => send({ method: 'PUT', path: `micro_deposits/${segment('micro-deposit guid', guid)}/verify`, body: { micro_deposit: amounts } }, attempt)),
    listAccountVerifications: async (userGuid) => {
      const { exchange, ctx } = await get(`${userPath(userGuid)}/account_verifications`);
      return toMicroDepositList(ctx, exchange);
    },
  };
}

/** After an ambiguous create: the user's one micro-deposit that was not there before is this create's. */
async function adoptNew(api: MxApi, userGuid: string, known: Set<string>, error: unknown): Promise<{ value: MicroDeposit } | 'retry'> {
  const fresh = (await allMicroDeposits(api, userGuid)).filter((item) => !known.has(item.guid));
  const [only] = fresh;
  if (!only) return 'retry';
  // Two new ones: another run made one meanwhile, and which is ours cannot be told; nothing is resent.
  if (fresh.length > 1) throw error;
  return { value: await api.readMicroDeposit(userGuid, only.guid) };
}

/** Every micro-deposit of the user, page by page. */
export async function allMicroDeposits(api: MxApi, userGuid: string): Promise<MicroDeposit[]> {
  const all: MicroDeposit[] = [];
  for await (const item of api.paginate((query) => api.listMicroDeposits(userGuid, query), 100)) all.push(item);
  return all;
}
