import { MxResponseError } from './errors.js';
import type { Exchange } from './transport.js';
import type { Member, MemberStatus, OAuthWindow, Page, Pagination, User, WidgetUrl } from './types.js';

// Only the fields the CLI relies on are checked; everything else is passed through as MX sent it.

export interface Context {
  method: string;
  path: string;
}

type Obj = Record<string, unknown>;

function fail(ctx: Context, exchange: Exchange, problem: string): never {
  throw new MxResponseError({ status: exchange.status, method: ctx.method, path: ctx.path, problem });
}

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringOrNull = (value: unknown): boolean => value === null || typeof value === 'string';
const isOptionalBoolean = (value: unknown): boolean => value === undefined || value === null || typeof value === 'boolean';

/** The object under the body's root key (`{"member": {...}}` → the member). */
export function rootObject(ctx: Context, exchange: Exchange, key: string): Obj {
  if (!isObject(exchange.body)) fail(ctx, exchange, exchange.body === undefined ? 'an empty body' : 'a body that is not a JSON object');
  const inner = exchange.body[key];
  if (!isObject(inner)) fail(ctx, exchange, `no "${key}" object in the body`);
  return inner;
}

function checkGuid(ctx: Context, exchange: Exchange, item: Obj, what: string): void {
  if (typeof item.guid !== 'string' || item.guid === '') fail(ctx, exchange, `a ${what} without a "guid" string`);
}

function checkMemberFields(ctx: Context, exchange: Exchange, item: Obj, what: string): void {
  checkGuid(ctx, exchange, item, what);
  if (!isStringOrNull(item.connection_status)) fail(ctx, exchange, `a ${what} whose "connection_status" is not a string or null`);
  if (!isOptionalBoolean(item.is_being_aggregated)) fail(ctx, exchange, `a ${what} whose "is_being_aggregated" is not a boolean`);
}

export function toUser(ctx: Context, exchange: Exchange): User {
  const user = rootObject(ctx, exchange, 'user');
  checkGuid(ctx, exchange, user, 'user');
  return user as unknown as User;
}

export function toMember(ctx: Context, exchange: Exchange): Member {
  const member = rootObject(ctx, exchange, 'member');
  checkMemberFields(ctx, exchange, member, 'member');
  return member as unknown as Member;
}

export function toMemberStatus(ctx: Context, exchange: Exchange): MemberStatus {
  const status = rootObject(ctx, exchange, 'member');
  checkMemberFields(ctx, exchange, status, 'member status');
  if (status.challenges !== undefined && status.challenges !== null && !Array.isArray(status.challenges)) {
    fail(ctx, exchange, 'a member status whose "challenges" is not a list');
  }
  return status as unknown as MemberStatus;
}

export function toOAuthWindow(ctx: Context, exchange: Exchange): OAuthWindow {
  const member = rootObject(ctx, exchange, 'member');
  if (!isStringOrNull(member.oauth_window_uri)) fail(ctx, exchange, 'an "oauth_window_uri" that is not a string or null');
  return { guid: (member.guid ?? null) as string | null, oauth_window_uri: (member.oauth_window_uri ?? null) as string | null };
}

export function toWidgetUrl(ctx: Context, exchange: Exchange): WidgetUrl {
  const widget = rootObject(ctx, exchange, 'widget_url');
  if (typeof widget.url !== 'string' || widget.url === '') fail(ctx, exchange, 'a "widget_url" without a "url" string');
  return { type: (widget.type ?? null) as string | null, url: widget.url, user_id: (widget.user_id ?? null) as string | null };
}

/** Lists answer `{"<plural>": [...], "pagination": {...}}`; items must be objects, `guid`-checked when `needsGuid`. */
export function toPage<T>(ctx: Context, exchange: Exchange, key: string, itemCheck?: 'guid' | 'member'): Page<T> {
  if (!isObject(exchange.body)) fail(ctx, exchange, exchange.body === undefined ? 'an empty body' : 'a body that is not a JSON object');
  const items = exchange.body[key];
  if (!Array.isArray(items)) fail(ctx, exchange, `no "${key}" list in the body`);
  for (const item of items) {
    if (!isObject(item)) fail(ctx, exchange, `an entry of "${key}" that is not an object`);
    if (itemCheck === 'guid') checkGuid(ctx, exchange, item, `"${key}" entry`);
    if (itemCheck === 'member') checkMemberFields(ctx, exchange, item, `"${key}" entry`);
  }
  return { items: items as T[], pagination: toPagination(ctx, exchange, exchange.body.pagination) };
}

function toPagination(ctx: Context, exchange: Exchange, value: unknown): Pagination {
  if (!isObject(value)) fail(ctx, exchange, 'no "pagination" object in the body');
  const fields = ['current_page', 'per_page', 'total_entries', 'total_pages'] as const;
  for (const field of fields) {
    const n = value[field];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail(ctx, exchange, `a "pagination.${field}" that is not a whole number`);
  }
  return value as unknown as Pagination;
}
