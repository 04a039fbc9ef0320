import type http from 'node:http';
import { DEFAULT_API_VERSION, type ApiVersion } from '../domain/api-versions.js';
import type https from 'node:https';
import type { MxApi } from './api.js';
import { DEFAULT_RETRY } from './backoff.js';
import { accountPath, checkBaseUrl, institutionPath, memberPath, userPath } from './identifiers.js';
import { microDepositCalls } from './micro-deposit-calls.js';
import { paginate } from './paginate.js';
import { paymentCalls } from './payment-calls.js';
import { rootObject, toMember, toMemberStatus, toOAuthWindow, toPage, toUser, toWidgetUrl } from './parse.js';
import { readWithRetry, writeWithPolicy, type PolicyDeps } from './policies.js';
import * as safe from './safe-writes.js';
import { createTransport, type Query, type RequestSpec, type Transport } from './transport.js';
import type { Challenge, Institution, Page, PageQuery } from './types.js';
import { rulesFor, type VersionRules } from './versions.js';

export interface MxClientOptions {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  /** The MX API version every request asks for (Accept-Version); default v20250224. */
  apiVersion?: ApiVersion;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  retry?: { limit?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Largest response body accepted; default 5 MB. */
  maxBodyBytes?: number;
  /** Receives one line per HTTP attempt (for --debug); secrets are masked before it is called. */
  debug?: (line: string) => void;
  userAgent?: string;
  agent?: { http?: http.Agent; https?: https.Agent };
  /** The proxy `agent` goes through (its address without a login): network failures then name it, not MX. */
  proxy?: string;
  /**
   * Ctrl-C / SIGTERM: reads and retry pauses stop at once; a write already sent is let finish so its guid can be
   * saved, and nothing new is sent afterwards.
   */
  signal?: AbortSignal;
}

export interface MxClientStats {
  /** HTTP attempts sent, including retries and look-ups made to recover from ambiguous failures. */
  requests: number;
  /** Attempts that repeated an earlier one. */
  retries: number;
}

export type MxClient = MxApi & {
  stats(): MxClientStats;
  /** Closes idle keep-alive sockets of the agents this client created. */
  close(): void;
};

const ctxOf = (spec: RequestSpec) => ({ method: spec.method, path: `/${spec.path}` });
const pageQuery = (query: PageQuery = {}): Query => ({ page: query.page, records_per_page: query.records_per_page });

export function createMxClient(options: MxClientOptions): MxClient {
  const rules = rulesFor(options.apiVersion ?? DEFAULT_API_VERSION);
  const transport = createTransport({
    baseUrl: checkBaseUrl(options.baseUrl),
    clientId: options.clientId,
    apiKey: options.apiKey,
    rules,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
    debug: options.debug,
    userAgent: options.userAgent,
    agent: options.agent,
    proxy: options.proxy,
    signal: options.signal,
  });
  const deps: PolicyDeps = {
    transport,
    retry: { ...DEFAULT_RETRY, ...definedOnly(options.retry) },
    counters: { retries: 0 },
    signal: options.signal,
  };
  const calls = requestHelpers(deps, transport);
  const api: MxClient = {
    version: rules,
    ...userAndInstitutionCalls(calls, rules, deps, () => api),
    ...memberCalls(calls, rules, deps, () => api),
    createWidgetUrl: async (userGuid, request = {}) => {
      const spec: RequestSpec = {
        method: 'POST',
        path: `${userPath(userGuid)}/widget_urls`,
        body: rules.widgetUrlBody(request),
        // Both specs declare Accept-Language here; v20250224's text: the Connect widget "must use" it for the language.
        ...(request.locale ? { headers: { 'accept-language': request.locale } } : {}),
      };
      // A widget URL changes nothing at MX, so after an ambiguous failure a second one is asked for: the first, if
      // MX made it, is never shown and dies unused.
      const exchange = await writeWithPolicy(deps, (attempt) => transport.send(spec, attempt), { onAmbiguous: async () => 'retry' });
      return toWidgetUrl(ctxOf(spec), exchange);
    },
    ...paymentCalls(deps, calls.listAll, () => api),
    ...microDepositCalls(calls, deps, () => api),
    paginate,
    stats: () => ({ requests: transport.requests, retries: deps.counters.retries }),
    close: () => transport.close(),
  };
  return api;
}

type Helpers = ReturnType<typeof requestHelpers>;

/** The four ways the client talks to MX: a read, a page of a list, a whole list, and a PUT sent at most once. */
function requestHelpers(deps: PolicyDeps, transport: Transport) {
  const get = (path: string, query?: Query) => {
    const spec: RequestSpec = { method: 'GET', path, query };
    return readWithRetry(deps, spec).then((exchange) => ({ exchange, ctx: ctxOf(spec) }));
  };
  const getPage = async <T>(path: string, key: string, query?: Query, check?: 'guid' | 'member'): Promise<Page<T>> => {
    const { exchange, ctx } = await get(path, query);
    return toPage<T>(ctx, exchange, key, check);
  };
  /** PUTs that are not safe to repeat after an ambiguous failure (an update may restart aggregation). */
  const putOnce = (path: string, body: unknown) => {
    const spec: RequestSpec = { method: 'PUT', path, body };
    return writeWithPolicy(deps, (attempt) => transport.send(spec, attempt)).then((exchange) => ({ exchange, ctx: ctxOf(spec) }));
  };
  /** Whole lists the flow needs at once (credentials, challenges, account numbers); 204 counts as empty. */
  const listAll = async <T>(path: string, key: string): Promise<T[]> => {
    const all: T[] = [];
    const fetchPage = async (query: PageQuery): Promise<Page<T>> => {
      const { exchange, ctx } = await get(path, pageQuery(query));
      if (exchange.status === 204) return { items: [], pagination: { current_page: 1, per_page: 0, total_entries: 0, total_pages: 0 } };
      return toPage<T>(ctx, exchange, key);
    };
    for await (const item of paginate(fetchPage, 100)) all.push(item);
    return all;
  };
  return { get, getPage, putOnce, listAll };
}

function userAndInstitutionCalls({ get, getPage, putOnce, listAll }: Helpers, rules: VersionRules, deps: PolicyDeps, api: () => MxApi) {
  return {
    createUser: async (user) => safe.createUser(deps, api(), user),
    readUser: async (userGuid) => {
      const { exchange, ctx } = await get(userPath(userGuid));
      return toUser(ctx, exchange);
    },
    listUsers: async (query = {}) => getPage('users', 'users', { ...pageQuery(query), id: query.id, email: query.email }, 'guid'),
    updateUser: async (userGuid, user) => {
      const { exchange, ctx } = await putOnce(userPath(userGuid), { user });
      return toUser(ctx, exchange);
    },
    deleteUser: async (userGuid) => safe.deleteObject(deps, { method: 'DELETE', path: userPath(userGuid) }),

    listInstitutions: async (query = {}) => {
      const verification = query.supports_account_verification === true;
      const filter = verification ? rules.verificationFilter : {};
      const found = await getPage<Institution>('institutions', 'institutions', { ...pageQuery(query), name: query.name, ...filter });
      // MX's filter already leaves out most; hidden institutions (v20250224) take no new members, so none is offered.
      return verification ? { ...found, items: found.items.filter((institution) => rules.offersVerification(institution)) } : found;
    },
    readInstitution: async (code) => {
      const { exchange, ctx } = await get(institutionPath(code));
      return rootObject(ctx, exchange, 'institution') as unknown as Institution;
    },
    listInstitutionCredentials: async (code) => listAll(`${institutionPath(code)}/credentials`, 'credentials'),
  } satisfies Partial<MxApi>;
}

function memberCalls({ get, getPage, putOnce, listAll }: Helpers, rules: VersionRules, deps: PolicyDeps, api: () => MxApi) {
  return {
    createMember: async (userGuid, member, createOptions = {}) =>
      (await safe.createMember(deps, api(), rules, userGuid, member, { ...createOptions, verify: false })).member,
    createMemberForVerification: async (userGuid, member, createOptions = {}) =>
      safe.createMember(deps, api(), rules, userGuid, member, { ...createOptions, verify: true }),
    readMember: async (userGuid, memberGuid) => {
      const { exchange, ctx } = await get(memberPath(userGuid, memberGuid));
      return toMember(ctx, exchange);
    },
    listMembers: async (userGuid, query) => getPage(`${userPath(userGuid)}/members`, 'members', pageQuery(query), 'member'),
    updateMember: async (userGuid, memberGuid, member) => {
      const { exchange, ctx } = await putOnce(memberPath(userGuid, memberGuid), rules.updateMemberBody(member));
      return toMember(ctx, exchange);
    },
    deleteMember: async (userGuid, memberGuid) => safe.deleteObject(deps, { method: 'DELETE', path: memberPath(userGuid, memberGuid) }),
    readMemberStatus: async (userGuid, memberGuid) => {
      const { exchange, ctx } = await get(`${memberPath(userGuid, memberGuid)}/status`);
      return toMemberStatus(ctx, exchange);
    },
    listMemberChallenges: async (userGuid, memberGuid) => listAll<Challenge>(`${memberPath(userGuid, memberGuid)}/challenges`, 'challenges'),
    resumeAggregation: async (userGuid, memberGuid, answers) => safe.resumeAggregation(deps, api(), userGuid, memberGuid, answers),
    verifyMember: async (userGuid, memberGuid) => safe.verifyMember(deps, api(), userGuid, memberGuid),
    requestOAuthWindowUri: async (userGuid, memberGuid, { skipAggregation = true } = {}) => {
      // Both versions declare skip_aggregation here; sent only when the caller verifies after the bank says yes.
      const query = skipAggregation ? { skip_aggregation: true } : undefined;
      const { exchange, ctx } = await get(`${memberPath(userGuid, memberGuid)}/oauth_window_uri`, query);
      return toOAuthWindow(ctx, exchange);
    },

    listAccountNumbersByMember: async (userGuid, memberGuid) => listAll(`${memberPath(userGuid, memberGuid)}/account_numbers`, 'account_numbers'),
    listAccountNumbersByAccount: async (userGuid, accountGuid) => listAll(`${accountPath(userGuid, accountGuid)}/account_numbers`, 'account_numbers'),
    listMemberAccounts: async (userGuid, memberGuid) => listAll(`${memberPath(userGuid, memberGuid)}/accounts`, 'accounts'),
  } satisfies Partial<MxApi>;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
