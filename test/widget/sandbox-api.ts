import type { Sandbox } from '../../src/sandbox/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw client reads whatever MX sent
type Json = any;

/** MX's API on v20250224 by raw HTTP, as an integrator's back end calls it. */
export function mxApi(sandbox: Pick<Sandbox, 'url' | 'clientId' | 'apiKey'>, version: 'v20250224' | 'v20111101' = 'v20250224') {
  const authorization = `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.apiKey}`).toString('base64')}`;
  const accept = version === 'v20250224' ? 'application/json' : 'application/vnd.mx.api.v1+json';
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: { authorization, accept, 'accept-version': version, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : (JSON.parse(text) as Json) };
  };
}

export type MxApi = ReturnType<typeof mxApi>;

export async function newUser(api: MxApi): Promise<string> {
  const answer = await api('POST', '/users', { user: { id: `customer-${Math.random().toString(36).slice(2)}` } });
  return answer.body.user.guid as string;
}

/** A verification-mode widget URL for the user, with whatever else the test asks for. */
export async function widgetUrl(api: MxApi, user: string, extra: Record<string, unknown> = {}): Promise<string> {
  const body = { widget_url: { widget_type: 'connect_widget', data_request: { products: ['account_verification'] }, ui_message_version: 4, ...extra } };
  const answer = await api('POST', `/users/${user}/widget_urls`, body);
  if (answer.status !== 200) throw new Error(`widget_urls answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.widget_url.url as string;
}
