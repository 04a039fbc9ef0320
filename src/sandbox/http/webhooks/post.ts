import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What one delivery attempt got: the receiver's status, or why there was none (refused, reset, timed out). */
export interface PostResult {
  status: number | null;
  error: string | null;
  /** Seconds from a 429's Retry-After, when it gave a number. */
  retryAfterSeconds: number | null;
}

/** Most of a receiver's answer body that is drained; past it the status is taken and the connection dropped. */
const ANSWER_LIMIT = 64 * 1024;

/**
 * One POST, as MX sends webhooks (§3.1/§3.2): JSON, `content-type: application/json; charset=utf-8`. This is the
 * sandbox playing MX's side, so it is server-side delivery with node:http, not the client's got stack in src/mx
 * (which adds MX's retries, headers and auth, all wrong for a receiver). The body is not kept, only drained up to
 * ANSWER_LIMIT. `timeoutMs` bounds the whole exchange, so a receiver that trickles its answer cannot hold a slot.
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
    let answered = false;
    const done = (result: PostResult): void => {
      clearTimeout(deadline);
      resolve(result);
      req.destroy();
    };
    const req = send(target, { method: 'POST', headers, signal }, (res) => {
      answered = true;
      const retryAfter = Number(res.headers['retry-after']);
      const result = { status: res.statusCode ?? null, error: null, retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null };
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > ANSWER_LIMIT) done(result);
      });
      res.on('end', () => done(result));
      res.on('error', () => done({ ...result, retryAfterSeconds: null }));
    });
    const deadline = setTimeout(() => {
      const error = answered ? `the answer did not finish within ${timeoutMs} ms` : `no answer within ${timeoutMs} ms`;
      done({ status: null, error, retryAfterSeconds: null });
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: null, error: error.code ? `${error.code}: ${error.message}` : error.message, retryAfterSeconds: null }));
    req.end(body);
  });
}
