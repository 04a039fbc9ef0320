import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../../bank/app.js';
import { readBody } from '../body.js';
import { ApiError } from '../reply.js';
import { answerCall } from './api.js';
import { plainPage, widgetPage } from './page.js';
import { widgetStore } from './sessions.js';

const MAX_BODY = 64 * 1024;

/** A POST's JSON; a body past 64 KB or not JSON is refused in one sentence, as the MX half refuses one. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_BODY);
  if (body.tooLarge) throw new ApiError(413, 'The request body is larger than 64 KB.', { connection: 'close' });
  if (body.text.trim() === '') return null;
  try {
    return JSON.parse(body.text);
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.');
  }
}

function html(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', ...headers });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** The one-time link: the page on first use, then a plain 410 (MX: the URL expires "upon first use"). */
function openLink(app: App, res: ServerResponse, token: string): void {
  const opening = widgetStore(app).open(app, token);
  if (opening.kind === 'used') return html(res, 410, plainPage('Link already used', 'This link was already used. Ask for a new one.'));
  if (opening.kind === 'expired') return html(res, 410, plainPage('Link expired', 'This link has expired. Ask for a new one.'));
  if (opening.kind === 'unknown') return html(res, 404, plainPage('Not found', 'There is no widget at this address.'));
  const page = widgetPage(opening.session);
  html(res, 200, page.html, { 'content-security-policy': page.csp });
}

/**
 * Everything under /widget/: the page a widget URL opens and the JSON calls its script makes. A browser opens it,
 * so it takes no Basic auth and no injected faults (as the OAuth page); the calls are authorised by the page's
 * session id alone, and the API key never reaches the page.
 */
export async function serveWidget({ app }: { app: App }, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean);
  if (req.method === 'GET' && parts.length === 3 && parts[1] === 'connect') {
    req.resume();
    app.refresh();
    openLink(app, res, parts[2] ?? '');
    app.flush();
    return;
  }
  if (parts[1] === 'session' && parts.length >= 4) {
    const session = widgetStore(app).session(parts[2] ?? '');
    if (!session) return json(res, 404, { error: { message: 'This page is no longer open. Ask for a new link.' } });
    try {
      const body = req.method === 'POST' ? await readJson(req) : (req.resume(), null);
      // As the MX half does: take up another process's save first, so this call's flush does not write over it.
      app.refresh();
      json(res, 200, answerCall(app, session, req.method ?? 'GET', parts.slice(3), url.searchParams, body));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      json(res, error.status, { error: { message: error.message } }, error.headers);
    } finally {
      app.flush();
    }
    return;
  }
  req.resume();
  html(res, 404, plainPage('Not found', 'There is no widget at this address.'));
}
