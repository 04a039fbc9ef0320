import type { IncomingMessage, ServerResponse } from 'node:http';
import { CliError } from '../../errors.js';
import type { App } from '../bank/app.js';
import { serveControl } from './admin/serve.js';
import type { Webhooks } from './webhooks/hub.js';
import { type FaultPlan, type Faults, waitOut } from './faults.js';
import { serveOAuthPage } from './oauth-page.js';
import { resolveIdentifiers } from './identifiers.js';
import { ApiError, envelope, type Reply } from './reply.js';
import { matchRoute, type Method, type Routes } from './router.js';
import { recordedHeaders, type Traffic } from './traffic.js';
import { negotiate, type SandboxVersion } from './versions.js';
import { serveWidget } from './widget/http.js';
import { readBody, type Body } from './body.js';

const BODY_LIMIT = 1024 * 1024;

export interface ServerDeps {
  app: App;
  webhooks: Webhooks;
  routes: Routes;
  faults: Faults;
  traffic: Traffic;
  clientId: string;
  apiKey: string;
  /** Serve requests without Accept-Version as v20111101 (see SandboxOptions.legacyAccept). */
  legacyAccept: boolean;
  /** Aborted when the sandbox closes: a request still waiting out its added latency is dropped then. */
  closing: AbortSignal;
}

function authorized(req: IncomingMessage, deps: ServerDeps): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  return Buffer.from(header.slice(6), 'base64').toString('utf8') === `${deps.clientId}:${deps.apiKey}`;
}

/** A version refusal names no version, so it is plain JSON. */
const NEUTRAL_MEDIA = 'application/json';

function send(res: ServerResponse, reply: Reply, mediaType: string): void {
  res.statusCode = reply.status;
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.body === undefined) return void res.end();
  res.setHeader('content-type', mediaType);
  res.end(JSON.stringify(reply.body));
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The version the request is served as, or the 406 refusal (before anything else: it decides the answer's media type). */
function versionOf(deps: ServerDeps, req: IncomingMessage): SandboxVersion | ApiError {
  try {
    return negotiate({ accept: header(req, 'accept'), acceptVersion: header(req, 'accept-version') }, deps.legacyAccept);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

function fail(error: ApiError): Reply {
  return { status: error.status, body: envelope(error.message), headers: error.headers };
}

/** Auth, body and routing checks, then the handler. Runs synchronously against the in-memory state. */
function handleMx(deps: ServerDeps, req: IncomingMessage, version: SandboxVersion, url: URL, body: Body): { reply: Reply; parsed: unknown } {
  let parsed: unknown = null;
  try {
    if (!authorized(req, deps)) throw new ApiError(401, 'The client_id or api_key you provided is invalid.');
    if (body.tooLarge) throw new ApiError(413, 'The request body is larger than 1 MB.', { connection: 'close' });
    const match = matchRoute(deps.routes, url.pathname);
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
    const params = resolveIdentifiers(deps.app, version, match.params);
    const callbackPayload = header(req, 'x-callback-payload') ?? null;
    // The spec's xCallback: "Max 1024 characters". [unconfirmed how MX refuses a longer one; 400 here]
    if (callbackPayload !== null && callbackPayload.length > 1024) throw new ApiError(400, 'X-CALLBACK-PAYLOAD is longer than 1024 characters.');
    return { reply: handler({ app: deps.app, version, params, query: url.searchParams, body: parsed, callbackPayload }), parsed };
  } catch (error) {
    if (error instanceof ApiError) return { reply: fail(error), parsed };
    throw error;
  }
}

const faultReply = (status: number): Reply => ({ status, body: envelope(status === 503 ? 'Service is unavailable.' : 'Internal server error.') });

/** Faults first (a throttled request is refused before anything happens), then the version, then the handler. */
function answerMx(deps: ServerDeps, req: IncomingMessage, url: URL, body: Body, fault: FaultPlan, version: SandboxVersion | ApiError) {
  if (fault.kind === 'throttle') {
    const headers = { 'retry-after': String(fault.retryAfterSeconds) };
    return { reply: { status: 429, body: envelope('Too many requests. Retry after the rate-limit window.'), headers }, parsed: null };
  }
  if (fault.kind !== null && !fault.afterProcessing) return { reply: faultReply(fault.status), parsed: null };
  if (version instanceof ApiError) return { reply: fail(version), parsed: null };
  deps.app.refresh();
  const handled = handleMx(deps, req, version, url, body);
  deps.app.flush();
  return fault.kind === 'error' ? { reply: faultReply(fault.status), parsed: handled.parsed } : handled;
}

async function serveMx(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const fault = deps.faults.decide();
  const body = await readBody(req, BODY_LIMIT);
  if (fault.delayMs > 0 && !(await waitOut(fault.delayMs, deps.closing))) return void req.socket.destroy();
  const version = versionOf(deps, req);
  const { reply, parsed } = answerMx(deps, req, url, body, fault, version);
  if (fault.kind === 'reset') {
    deps.traffic.note(method, url.pathname, null, 'reset');
    req.socket.destroy();
    return;
  }
  const served = version instanceof ApiError ? null : version;
  const mediaType = served?.mediaType ?? NEUTRAL_MEDIA;
  send(res, reply, mediaType);
  deps.traffic.note(method, url.pathname, reply.status, fault.kind);
  deps.traffic.record({
    apiVersion: served?.name ?? null,
    method,
    path: url.pathname,
    query: queryRecord(url.searchParams),
    requestHeaders: recordedHeaders(req.headers),
    status: reply.status,
    requestContentType: req.headers['content-type'] ?? null,
    requestBody: parsed,
    responseContentType: reply.body === undefined ? null : mediaType,
    responseBody: reply.body ?? null,
    fault: fault.kind === 'error' || fault.kind === 'throttle' ? fault.kind : null,
  });
}

/** A repeated key (v20250224 `supported_products`) keeps all its values. */
function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}

async function serveOAuth(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const body = await readBody(req, BODY_LIMIT);
  deps.app.refresh();
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
    const path = url.pathname;
    // The widget's page and its calls are for a browser, like the OAuth page: no Basic auth, no faults.
    const serve = path.startsWith('/widget/') ? serveWidget : path.startsWith('/oauth/') ? serveOAuth : path.startsWith('/__sandbox/') ? serveAdmin : path.startsWith('/_sandbox/') ? serveControl : serveMx;
    Promise.resolve(serve(deps, req, res, url)).catch((error: unknown) => {
      // A state write that failed is said as it is (Sandbox.failed tells the owner, who stops); anything else is a bug here.
      const message = error instanceof CliError ? error.message : `Sandbox bug: ${String(error)}`;
      if (!res.headersSent) send(res, { status: 500, body: envelope(message) }, NEUTRAL_MEDIA);
      else res.destroy();
    });
  };
}
