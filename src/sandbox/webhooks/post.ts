import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What one delivery attempt got: the receiver's status, or why there was none (refused, reset, timed out). */
export interface PostResult {
  status: number | null;
  error: string | null;
  /** Seconds from a 429's Retry-After, when it gave a number. */
  retryAfterSeconds: number | null;
}

/**
 * One POST, as MX sends webhooks (§3.1/§3.2): JSON, `content-type: application/json; charset=utf-8`. This is the
 * sandbox playing MX's side, so it is server-side delivery with node:http, not the client's got stack in src/mx
 * (which adds MX's retries, headers and auth, all wrong for a receiver). The body is not read beyond draining it.
 */
export function post(url: string, body: string, authorization: string | null, timeoutMs: number, signal: AbortSignal): Promise<PostResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'mx-iav-sandbox-webhooks/1',
      ...(authorization === null ? {} : { authorization }),
    };
    let settled = false;
    const done = (result: PostResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = send(target, { method: 'POST', headers, timeout: timeoutMs, signal }, (res) => {
      res.resume();
      const retryAfter = Number(res.headers['retry-after']);
      const status = res.statusCode ?? null;
      res.on('end', () => done({ status, error: null, retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null }));
      res.on('error', () => done({ status, error: null, retryAfterSeconds: null }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: null, error: error.code ? `${error.code}: ${error.message}` : error.message, retryAfterSeconds: null }));
    req.end(body);
  });
}
