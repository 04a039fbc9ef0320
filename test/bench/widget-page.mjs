// Bytes of the sandbox's widget page, as a browser receives it from a fresh widget URL: the HTML with its style and
// script inline (the page loads nothing else, by its CSP).
import { gzipSync } from 'node:zlib';

export async function benchWidgetPage(sandbox) {
  const authorization = `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.apiKey}`).toString('base64')}`;
  const headers = { authorization, accept: 'application/json', 'accept-version': 'v20250224', 'content-type': 'application/json' };
  const call = async (path, body) => {
    const res = await fetch(sandbox.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return res.json();
  };
  const { user } = await call('/users', { user: { id: 'bench-widget' } });
  const body = { widget_url: { widget_type: 'connect_widget', data_request: { products: ['account_verification'] }, ui_message_version: 4 } };
  const { widget_url: widgetUrl } = await call(`/users/${user.guid}/widget_urls`, body);
  const page = Buffer.from(await (await fetch(widgetUrl.url)).arrayBuffer());
  return { bytes: page.length, gzipped: gzipSync(page).length };
}
