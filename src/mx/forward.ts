// `listen --forward-to`: the webhook as it arrived, sent on to the developer's own endpoint. Node's http client and
// not got, because got adds headers of its own (user-agent, accept-encoding) and files names in lower case, and
// the promise is a byte-for-byte relay of the sender's headers and body.
import http from 'node:http';
import https from 'node:https';

export interface ForwardRequest {
  method: string;
  /** Names and values as received (Node's rawHeaders). */
  rawHeaders: string[];
  body: Buffer;
}

export interface ForwardResult {
  status: number | null;
  /** Why no answer came (refused, timed out…); null when one did. */
  error: string | null;
}

// Hop-by-hop headers describe the sender's connection to the listener, not the webhook; Host names the listener.
// Every other header, Authorization included, goes on unchanged.
const NOT_RELAYED = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export function relayedHeaders(rawHeaders: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!NOT_RELAYED.has(rawHeaders[i]!.toLowerCase())) kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return kept;
}

/**
 * Given as a raw list, so names keep their case and order; Node then adds no Host of its own, so the target's goes
 * first. A chunked sender's body goes on with its length, as the body is whole by now.
 */
function headersFor(target: URL, request: ForwardRequest): string[] {
  const kept = relayedHeaders(request.rawHeaders);
  const hasLength = kept.some((value, i) => i % 2 === 0 && value.toLowerCase() === 'content-length');
  return ['Host', target.host, ...kept, ...(hasLength ? [] : ['Content-Length', String(request.body.length)])];
}

/** Sends the request to `target` (path and query from the target URL) and reports its status; never throws. */
export function forwardWebhook(target: URL, request: ForwardRequest, timeoutMs = 10_000): Promise<ForwardResult> {
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    const outgoing = send(target, { method: request.method, headers: headersFor(target, request), timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? null, error: null }));
      response.on('error', (error) => resolve({ status: null, error: describe(error) }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    outgoing.on('error', (error) => resolve({ status: null, error: describe(error) }));
    outgoing.end(request.body);
  });
}

function describe(error: Error & { code?: string }): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ECONNRESET') return 'connection reset';
  if (error.code === 'ENOTFOUND') return 'host not found';
  return error.message;
}
