// The floor for the widget link: Node starting, then one request, the widget URL, for a user that already exists
// (MX_IAV_BENCH_USER), printed on stderr as the CLI prints it. Written from MX's docs, not imported from src/.
const current = (process.env.MX_API_VERSION ?? 'v20250224') === 'v20250224';
const response = await fetch(`${process.env.MX_BASE_URL}/users/${process.env.MX_IAV_BENCH_USER}/widget_urls`, {
  method: 'POST',
  headers: {
    accept: current ? 'application/json' : 'application/vnd.mx.api.v1+json',
    'accept-version': current ? 'v20250224' : 'v20111101',
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`${process.env.MX_CLIENT_ID}:${process.env.MX_API_KEY}`).toString('base64')}`,
  },
  body: JSON.stringify({
    widget_url: current
      ? { widget_type: 'connect_widget', data_request: { products: ['account_verification'] }, ui_message_version: 4 }
      : { widget_type: 'connect_widget', mode: 'verification', ui_message_version: 4 },
  }),
});
if (!response.ok) throw new Error(`widget_urls: ${response.status}`);
process.stderr.write(`${(await response.json()).widget_url.url}\n`);
