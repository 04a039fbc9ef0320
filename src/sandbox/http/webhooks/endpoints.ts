import { randomUUID } from 'node:crypto';
import { badRequest } from '../reply.js';
import { WEBHOOK_TYPES, type WebhookType } from './payloads.js';

/** Where webhooks go. The credentials live only in `authorization`, never in `url`, so nothing that shows it leaks them. */
export interface Endpoint {
  id: string;
  /** The URL without its user info. */
  url: string;
  /** null: every type that has no endpoint of its own. */
  type: WebhookType | null;
  authorization: string | null;
}

/** What the admin route and `--webhook-url` show of an endpoint. */
export function presentEndpoint(endpoint: Endpoint): { id: string; url: string; type: WebhookType | null; auth: 'basic' | 'bearer' | null } {
  const auth = endpoint.authorization === null ? null : endpoint.authorization.startsWith('Basic ') ? 'basic' : 'bearer';
  return { id: endpoint.id, url: endpoint.url, type: endpoint.type, auth };
}

export function isWebhookType(value: unknown): value is WebhookType {
  return typeof value === 'string' && (WEBHOOK_TYPES as readonly string[]).includes(value);
}

/**
 * MX's documented receiver security is HTTP Basic (a username and password given to MX) or an OAuth 2 bearer token
 * (§3.2): Basic comes from the URL's user info, a bearer token from its own option; both at once is ambiguous.
 */
export function makeEndpoint(rawUrl: string, type: WebhookType | null, bearerToken: string | null): Endpoint {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw badRequest('The webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('The webhook URL must start with http:// or https://.');
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if ((user !== '' || password !== '') && bearerToken !== null) throw badRequest('Give the webhook URL either user info (Basic auth) or a bearer token, not both.');
  url.username = '';
  url.password = '';
  const basic = user !== '' || password !== '' ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : null;
  const authorization = basic ?? (bearerToken === null ? null : `Bearer ${bearerToken}`);
  return { id: `WHE-${randomUUID()}`, url: url.toString(), type, authorization };
}

/** The endpoints, in the order they were added; a type with endpoints of its own goes only to those. */
export class Endpoints {
  private readonly byId = new Map<string, Endpoint>();

  add(endpoint: Endpoint): Endpoint {
    this.byId.set(endpoint.id, endpoint);
    return endpoint;
  }

  remove(id: string): boolean {
    return this.byId.delete(id);
  }

  get(id: string): Endpoint | undefined {
    return this.byId.get(id);
  }

  list(): Endpoint[] {
    return [...this.byId.values()];
  }

  for(type: WebhookType): Endpoint[] {
    const own = this.list().filter((e) => e.type === type);
    return own.length > 0 ? own : this.list().filter((e) => e.type === null);
  }
}

/** `--webhook-url` values: `URL` for every type, `TYPE=URL` for one type. */
export function parseWebhookFlag(value: string): { type: WebhookType | null; url: string } {
  const match = /^([A-Z_]+)=(.+)$/.exec(value);
  if (!match) return { type: null, url: value };
  if (!isWebhookType(match[1])) throw badRequest(`${match[1]} is not a webhook type; use one of ${WEBHOOK_TYPES.join(', ')}.`);
  return { type: match[1], url: match[2] ?? '' };
}
