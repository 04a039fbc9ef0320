import type { Sandbox } from '../../src/sandbox/index.js';
import { basic } from '../sandbox/helpers.js';

/** A call to the sandbox's admin surface (`/_sandbox/...`), with its Basic auth. */
export async function admin(sandbox: Pick<Sandbox, 'url' | 'clientId' | 'apiKey'>, method: string, path: string, body?: unknown) {
  const res = await fetch(sandbox.url + path, {
    method,
    headers: { authorization: basic(sandbox.clientId, sandbox.apiKey), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever shape the sandbox sent
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as any };
}
