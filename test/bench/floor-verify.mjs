// The floor for `mx-iav verify --no-input`: the same MX requests, in the same order, with plain fetch and nothing
// else (no retries, no saved state, no output but the account numbers). MX_BASE_URL, MX_CLIENT_ID, MX_API_KEY,
// MX_API_VERSION and the MX Bank test login come from the environment, as for the CLI.
// The headers and bodies are written out here on purpose, not imported from src/: the floor is what a plain script
// written from MX's docs would send (shared/mx-api-versions.md §3.4, §7.1).
const base = process.env.MX_BASE_URL;
const current = (process.env.MX_API_VERSION ?? 'v20250224') === 'v20250224';
const headers = {
  accept: current ? 'application/json' : 'application/vnd.mx.api.v1+json',
  'accept-version': current ? 'v20250224' : 'v20111101',
  'content-type': 'application/json',
  authorization: `Basic ${Buffer.from(`${process.env.MX_CLIENT_ID}:${process.env.MX_API_KEY}`).toString('base64')}`,
};

async function call(method, path, body) {
  const response = await fetch(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json();
}

const { user } = await call('POST', '/users', { user: { id: `floor-${crypto.randomUUID()}` } });
const userPath = `/users/${user.guid}`;
await call('GET', '/institutions/mxbank');
const { credentials } = await call('GET', '/institutions/mxbank/credentials?page=1&records_per_page=100');
const values = { LOGIN: process.env.MX_IAV_CREDENTIAL_LOGIN, PASSWORD: process.env.MX_IAV_CREDENTIAL_PASSWORD };
const member = {
  institution_code: 'mxbank',
  credentials: credentials.map((field) => ({ guid: field.guid, value: values[field.field_name] })),
  id: `floor-${crypto.randomUUID()}`,
};
// v20250224 starts the verification with the create itself; v20111101 creates without aggregating, then verifies.
const created = current
  ? await call('POST', `${userPath}/members`, { member, data_request: { products: ['account_verification'] } })
  : await call('POST', `${userPath}/members`, { member: { ...member, skip_aggregation: true } });
const memberPath = `${userPath}/members/${created.member.guid}`;
if (!current) await call('POST', `${memberPath}/verify`);

// With --job-ms 0 every read finds the job at its next stopping point, so one read per step is enough.
const challenged = (await call('GET', `${memberPath}/status`)).member;
if (challenged.connection_status !== 'CHALLENGED') throw new Error(`expected CHALLENGED, got ${challenged.connection_status}`);
const [challenge] = challenged.challenges;
await call('PUT', `${memberPath}/resume`, { member: { challenges: [{ guid: challenge.guid, value: challenge.options[0].value }] } });
const connected = (await call('GET', `${memberPath}/status`)).member;
if (connected.connection_status !== 'CONNECTED') throw new Error(`expected CONNECTED, got ${connected.connection_status}`);

const { account_numbers: numbers } = await call('GET', `${memberPath}/account_numbers?page=1&records_per_page=100`);
await call('GET', `${memberPath}/accounts?page=1&records_per_page=100`);
process.stdout.write(`${JSON.stringify(numbers.map((n) => n.account_number))}\n`);
