import type { App } from '../../bank/app.js';
import type { Reply } from '../reply.js';
import type { Webhooks } from '../webhooks/hub.js';

/** What an admin route (`/_sandbox/...`, outside MX's paths) works on. */
export interface AdminContext {
  app: App;
  webhooks: Webhooks;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export type AdminHandler = (ctx: AdminContext) => Reply;

/** Method, path pattern (`:name` segments) and handler. */
export type AdminRoute = [method: string, pattern: string, handler: AdminHandler];
