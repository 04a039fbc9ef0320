import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../../bank/app.js';
import { readBody } from '../body.js';
import { ApiError, envelope, type Reply } from '../reply.js';
import type { Webhooks } from '../webhooks/hub.js';
import { clockRoutes } from './clock-routes.js';
import type { AdminRoute } from './context.js';
import { memberAdminRoutes } from './member-routes.js';
import { microDepositAdminRoutes } from './micro-deposit-routes.js';
import { webhookAdminRoutes } from './webhook-routes.js';

export interface ControlDeps {
  app: App;
  webhooks: Webhooks;
  clientId: string;
  apiKey: string;
}

const ROUTES: readonly AdminRoute[] = [...clockRoutes, ...webhookAdminRoutes, ...memberAdminRoutes, ...microDepositAdminRoutes];
const BODY_LIMIT = 64 * 1024;

function match(method: string, path: string): { route: AdminRoute; params: Record<string, string> } | 'wrong-method' | null {
  const parts = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of ROUTES) {
    const want = route[1].split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = want.every((seg, i) => (seg.startsWith(':') ? ((params[seg.slice(1)] = parts[i] ?? ''), true) : seg === parts[i]));
    if (!ok) continue;
    pathMatched = true;
    if (route[0] === method) return { route, params };
  }
  return pathMatched ? 'wrong-method' : null;
}

function handle(deps: ControlDeps, req: IncomingMessage, url: URL, text: string | null): Reply {
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : null;
  if (given !== `${deps.clientId}:${deps.apiKey}`) throw new ApiError(401, 'The client_id or api_key you provided is invalid.');
  if (text === null) throw new ApiError(413, 'The request body is larger than 64 KB.');
  const found = match(req.method ?? 'GET', url.pathname);
  if (found === null) throw new ApiError(404, 'The requested URL was not found.');
  if (found === 'wrong-method') throw new ApiError(405, `${req.method} is not allowed here.`);
  let body: unknown = null;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'The request body is not valid JSON.');
    }
  }
  return found.route[2]({ app: deps.app, webhooks: deps.webhooks, params: found.params, query: url.searchParams, body });
}

/**
 * `/_sandbox/...`: the sandbox's own admin surface (clock, webhooks, forced states), outside MX's paths. The same
 * Basic auth as the MX API and MX's error envelope, so a client's error handling applies unchanged.
 */
export async function serveControl(deps: ControlDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const body = await readBody(req, BODY_LIMIT);
  const text = body.tooLarge ? null : body.text;
  let reply: Reply;
  try {
    reply = handle(deps, req, url, text);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    reply = { status: error.status, body: envelope(error.message) };
  }
  deps.app.flush();
  res.statusCode = reply.status;
  if (reply.body === undefined) return void res.end();
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(reply.body));
}
