import type { BadInputCase } from './bad-input-case.js';
import { VERIFY } from './bad-input-local.js';

// What a broken or hostile MX could send, each at one point of an otherwise real flow (a proxy in front of the sandbox).

const INSTITUTION = /^\/institutions\/mxbank$/;
const STATUS = /\/status$/;
const ESC = '\u001b';
const HOSTILE = `${ESC}]0;pwned${ESC}\\${ESC}[2J${ESC}[31mEvil${ESC}[0m ${ESC}]8;;https://evil.example${ESC}\\Bank${ESC}]8;;${ESC}\\\u0007\u009b1A`;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CHALLENGE_ARGS = VERIFY.map((arg) => (arg === 'PASSWORD=password' ? 'PASSWORD=challenge' : arg));

type Challenges = { challenges?: { label?: string; options?: { label: string }[] }[] };
/** Changes the challenges wherever MX lists them: in the status and in the challenges list. */
const challenges = (change: (c: NonNullable<Challenges['challenges']>[number]) => object) => [
  { path: STATUS, action: { rewrite: (body: { member: Challenges }) => ({ member: { ...body.member, challenges: body.member.challenges?.map(change) } }) } },
  { path: /\/challenges$/, action: { rewrite: (body: Challenges) => ({ ...body, challenges: body.challenges?.map(change) }) } },
];

const status = (connection_status: string, extra: object = {}) => ({
  rewrite: (body: { member: object }) => ({ member: { ...body.member, connection_status, is_being_aggregated: false, ...extra } }),
});

export const SERVER_CASES: BadInputCase[] = [
  { name: 'HTML instead of JSON', args: VERIFY, proxy: [{ path: INSTITUTION, action: { body: '<html><body>Gateway</body></html>', headers: { 'content-type': 'text/html' } } }], exit: 4, message: /an HTML page instead of JSON/ },
  { name: 'plain text instead of JSON', args: VERIFY, proxy: [{ method: 'POST', path: /^\/users$/, action: { body: 'OK' } }], exit: 4, message: /not valid JSON/ },
  { name: 'truncated JSON', args: VERIFY, proxy: [{ path: STATUS, action: { body: '{"member": {"guid": "MBR-1", "connection_st' } }], exit: 4, message: /not valid JSON \(\d+ bytes; truncated\?\)/ },
  { name: 'JSON null', args: VERIFY, proxy: [{ path: INSTITUTION, action: { body: 'null' } }], exit: 4, message: /not a JSON object|no "institution" object/ },
  { name: 'a JSON string', args: VERIFY, proxy: [{ path: INSTITUTION, action: { body: '"hello"' } }], exit: 4, message: /not a JSON object/ },
  { name: 'empty 200 body', args: VERIFY, proxy: [{ method: 'POST', path: /\/members$/, action: { body: '' } }], exit: 4, message: /an empty body/ },
  { name: 'member without a guid', args: VERIFY, proxy: [{ method: 'POST', path: /\/members$/, action: { rewrite: (body: { member: object }) => ({ member: { ...body.member, guid: undefined } }) } }], exit: 4, message: /a member without a "guid" string/ },
  { name: 'user without a guid', args: VERIFY, proxy: [{ method: 'POST', path: /^\/users$/, action: { body: { user: { id: 'x' } } } }], exit: 4, message: /a user without a "guid" string/ },
  { name: 'list without pagination', args: ['search-institution', 'bank', '--no-input'], proxy: [{ path: /^\/institutions$/, action: { rewrite: (body: object) => ({ ...body, pagination: undefined }) } }], exit: 4, message: /no "pagination" object/ },
  { name: 'is_being_aggregated a string', args: VERIFY, proxy: [{ path: STATUS, action: status('CONNECTED', { is_being_aggregated: 'yes' }) }], exit: 4, message: /"is_being_aggregated" is not a boolean/ },
  { name: 'unknown connection_status', args: VERIFY, proxy: [{ path: STATUS, action: status('EXPLODED') }], exit: 5, message: /MX reported the status "EXPLODED", which mx-iav does not know/ },
  { name: 'unknown challenge type', args: CHALLENGE_ARGS, proxy: [{ path: STATUS, action: status('CHALLENGED', { challenges: [{ guid: 'CRD-1', type: 'RETINA_SCAN', label: 'Look here' }] }) }], exit: 5, message: /a challenge of type "RETINA_SCAN", which mx-iav cannot answer/ },
  { name: 'challenge without a guid', args: CHALLENGE_ARGS, proxy: [{ path: STATUS, action: status('CHALLENGED', { challenges: [{ type: 'TEXT', label: 'Name?' }] }) }], exit: 5, message: /without a guid/ },
  { name: 'enormous body', args: VERIFY, proxy: [{ path: /\/credentials$/, action: { hugeBodyBytes: 64 * 1024 * 1024 } }], exit: 4, message: /a body larger than 5242880 bytes/ },
  { name: 'very slow response', args: VERIFY, env: { MX_IAV_REQUEST_TIMEOUT: '300ms' }, proxy: [{ path: INSTITUTION, action: { hang: true } }], exit: 4, message: /MX did not answer within 0.3 s \(ETIMEDOUT\) to GET \/institutions\/mxbank/ },
  { name: '502 HTML page every time', args: VERIFY, proxy: [{ path: INSTITUTION, action: { status: 502, body: '<html>Bad gateway</html>' } }], exit: 4, message: /MX answered 502 Bad Gateway to GET \/institutions\/mxbank\./ },
  { name: 'connection reset every time', args: VERIFY, proxy: [{ path: INSTITUTION, action: { reset: true } }], exit: 4, message: /The connection to MX was cut \(ECONNRESET\) during GET \/institutions\/mxbank/ },
  { name: 'redirect elsewhere', args: VERIFY, proxy: [{ path: INSTITUTION, action: { status: 302, headers: { location: 'https://evil.example/' } } }], exit: 4, message: /MX answered 302 Found/ },
  { name: '401 as HTML', args: VERIFY, proxy: [{ path: /^\/users$/, action: { status: 401, body: '<html>Denied</html>' } }], exit: 3, message: /MX rejected the API credentials \(401\)/ },
  { name: '400 with a huge error message', args: VERIFY, proxy: [{ method: 'POST', path: /\/members$/, action: { status: 400, body: { error: { message: 'x'.repeat(20_000) } } } }], exit: 4, message: /^MX answered 400 Bad Request to POST \/users\/USR-[\w-]+\/members: x{500}\.$/ },
  { name: 'control sequences in an error message', args: VERIFY, proxy: [{ method: 'POST', path: /\/members$/, action: { status: 400, body: { error: { message: HOSTILE } } } }], exit: 4, message: /Evil Bank/, absent: CONTROLS },
  { name: 'control sequences in the institution name', args: VERIFY, proxy: [{ path: INSTITUTION, action: { rewrite: (body: { institution: object }) => ({ institution: { ...body.institution, name: HOSTILE } }) } }], exit: 0, message: /Evil Bank/, absent: CONTROLS },
  { name: 'control sequences in a challenge label', args: CHALLENGE_ARGS, proxy: challenges((c) => ({ ...c, label: HOSTILE })), exit: 6, message: /Evil Bank/, absent: CONTROLS },
  {
    name: 'control sequences in account option labels',
    args: [...VERIFY.slice(0, -1), 'nope'],
    proxy: challenges((c) => ({ ...c, options: c.options?.map((o) => ({ ...o, label: `${ESC}[2J${o.label}${ESC}]0;x${ESC}\\` })) })),
    exit: 2,
    message: /The account choice given \(--select-account or MX_IAV_SELECT_ACCOUNT\) matches none/,
    absent: CONTROLS,
  },
];
