import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { App } from './app.js';
import type { Faults } from './faults.js';
import { serveOAuthPage } from './oauth-page.js';
import { ApiError, envelope, MX_MEDIA, type Reply } from './reply.js';
import { matchRoute, type Method, type Routes } from './router.js';
import type { Traffic } from './traffic.js';

const BODY_LIMIT = 1024 * 1024;

export interface ServerDeps {
  app: App;
  routes: Routes;
  faults: Faults;
  traffic: Traffic;
  clientId: string;
  apiKey: string;
}

interface Body {
  text: string;
  tooLarge: boolean;
}

function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > BODY_LIMIT }));
    req.on('error', reject);
  });
}

function authorized(req: IncomingMessage, deps: ServerDeps): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  return Buffer.from(header.slice(6), 'base64').toString('utf8') === `${deps.clientId}:${deps.apiKey}`;
}

function send(res: ServerResponse, reply: Reply): void {
  res.statusCode = reply.status;
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.body === undefined) return void res.end();
  res.setHeader('content-type', MX_MEDIA);
  res.end(JSON.stringify(reply.body));
}

function fail(error: ApiError): Reply {
  return { status: error.status, body: envelope(error.message), headers: error.headers };
}

/** Auth, version, body and routing checks, then the handler. Runs synchronously against the in-memory state. */
function handleMx(deps: ServerDeps, req: IncomingMessage, path: string, query: URLSearchParams, body: Body): { reply: Reply; parsed: unknown } {
  let parsed: unknown = null;
  try {
    if (!authorized(req, deps)) throw new ApiError(401, 'The client_id or api_key you provided is invalid.');
    if (!(req.headers.accept ?? '').includes(MX_MEDIA)) {
      throw new ApiError(406, `The request didn't specify a valid API version. Send "Accept: ${MX_MEDIA}".`);
    }
    if (body.tooLarge) throw new ApiError(413, 'The request body is larger than 1 MB.', { connection: 'close' });
    const match = matchRoute(deps.routes, path);
    if (!match) throw new ApiError(404, 'The requested URL was not found.');
    const handler = match.methods[req.method as Method];
    if (!handler) throw new ApiError(405, `${req.method} is not allowed here.`, { allow: Object.keys(match.methods).join(', ') });
    if (body.text.trim() !== '') {
      try {
        parsed = JSON.parse(body.text);
      } catch {
        throw new ApiError(400, 'The request body is not valid JSON.');
      }
    }
    return { reply: handler({ app: deps.app, params: match.params, query, body: parsed }), parsed };
  } catch (error) {
    if (error instanceof ApiError) return { reply: fail(error), parsed };
    throw error;
  }
}

async function serveMx(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const fault = deps.faults.decide();
  const body = await readBody(req);
  if (fault.delayMs > 0) await sleep(fault.delayMs);
  let reply: Reply;
  let parsed: unknown = null;
  if (fault.kind === 'throttle') {
    // A throttled request is refused before anything happens.
    reply = { status: 429, body: envelope('Too many requests. Retry after the rate-limit window.'), headers: { 'retry-after': String(fault.retryAfterSeconds) } };
  } else if (fault.kind !== null && !fault.afterProcessing) {
    reply = { status: fault.status, body: envelope(fault.status === 503 ? 'Service is unavailable.' : 'Internal server error.') };
  } else {
    ({ reply, parsed } = handleMx(deps, req, url.pathname, url.searchParams, body));
    deps.app.flush();
    if (fault.kind === 'error') reply = { status: fault.status, body: envelope(fault.status === 503 ? 'Service is unavailable.' : 'Internal server error.') };
  }
  if (fault.kind === 'reset') {
    deps.traffic.note(method, url.pathname, null, 'reset');
    req.socket.destroy();
    return;
  }
  send(res, reply);
  deps.traffic.note(method, url.pathname, reply.status, fault.kind);
  deps.traffic.record({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status: reply.status,
    requestContentType: req.headers['content-type'] ?? null,
    requestBody: parsed,
    responseContentType: reply.body === undefined ? null : MX_MEDIA,
    responseBody: reply.body ?? null,
    fault: fault.kind === 'error' || fault.kind === 'throttle' ? fault.kind : null,
  });
}

async function serveOAuth(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const body = await readBody(req);
  const reply = serveOAuthPage(deps.app, req.method ?? 'GET', url.pathname, url.searchParams, new URLSearchParams(body.text));
  deps.app.flush();
  res.writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(reply.html);
}

function serveAdmin(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): void {
  req.resume();
  let reply: Reply;
  if (!authorized(req, deps)) reply = fail(new ApiError(401, 'The client_id or api_key you provided is invalid.'));
  else if (url.pathname === '/__sandbox/stats' && req.method === 'GET') reply = { status: 200, body: deps.traffic.stats(deps.app) };
  else reply = fail(new ApiError(404, 'The requested URL was not found.'));
  deps.app.flush();
  res.statusCode = reply.status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(reply.body));
}

/**
 * The sandbox's request handler. Fault knobs apply only to MX paths: the OAuth page is for a browser and
 * /__sandbox/* is for tests, and neither should ever flake.
 */
export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const serve = url.pathname.startsWith('/oauth/') ? serveOAuth : url.pathname.startsWith('/__sandbox/') ? serveAdmin : serveMx;
    Promise.resolve(serve(deps, req, res, url)).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: envelope(`Sandbox bug: ${String(error)}`) });
      else res.destroy();
    });
  };
}
