import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BadInputCase } from './bad-input-case.js';

// Bad flags, answers, environment values and config files: each must end in its documented exit code and one sentence.

export const VERIFY = ['verify', '--no-input', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=password', '--select-account', 'first'];
const BASE = ['verify', '--no-input', '--institution', 'mxbank'];

/** Writes the default profile's file by hand, as someone editing it would. */
const profileFile = (text: string) => (dir: string) => {
  mkdirSync(join(dir, 'profiles'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'profiles', 'default.json'), text, { mode: 0o600 });
};

export const FLAG_CASES: BadInputCase[] = [
  { name: '--timeout abc', args: [...VERIFY, '--timeout', 'abc'], exit: 2, message: /--timeout takes a duration/ },
  { name: '--timeout 0', args: [...VERIFY, '--timeout', '0'], exit: 2, message: /--timeout must be more than zero/ },
  { name: '--poll-interval soon', args: [...VERIFY, '--poll-interval', 'soon'], exit: 2, message: /--poll-interval takes a duration/ },
  { name: '--env prod', args: ['--env', 'prod', ...VERIFY], exit: 2, message: /argument 'prod' is invalid. Allowed choices are sandbox, development, production/ },
  { name: 'unknown option', args: [...VERIFY, '--frobnicate'], exit: 2, message: /Unknown option '--frobnicate'/ },
  { name: 'unknown command', args: ['frobnicate'], exit: 2, message: /Unknown command 'frobnicate'/ },
  { name: 'missing option value', args: ['create-user', '--metadata'], exit: 2, message: /argument missing/i },
  { name: '--member not a guid', args: ['status', '--user', 'USR-1', '--member', 'not-a-guid'], exit: 2, message: /--member takes a guid/ },
  { name: '--user with a path', args: ['status', '--user', 'USR-../../x', '--member', 'MBR-1'], exit: 2, message: /--user takes a guid/ },
  { name: '--account encoded dots', args: ['account-numbers', '--user', 'USR-1', '--member', 'MBR-1', '--account', 'ACT-%2e%2e'], exit: 2, message: /--account takes a guid/ },
  { name: '--member prefix only', args: ['resume', '--member', 'MBR-'], exit: 2, message: /--member takes a guid/ },
  { name: '--institution ../etc', args: [...BASE, '--institution', '../etc'], exit: 2, message: /Invalid institution code/ },
  { name: '--institution unknown', args: [...VERIFY, '--institution', 'nosuchbank'], exit: 2, message: /MX has no institution with the code "nosuchbank"/ },
  { name: '--institution without verification', args: [...VERIFY, '--institution', 'harborview_brokerage'], exit: 2, message: /does not support instant account verification/ },
  { name: '--credential without =', args: [...BASE, '--credential', 'PASSWORD'], exit: 2, message: /--credential takes FIELD_NAME=VALUE/ },
  { name: '--credential =value', args: [...BASE, '--credential', '=hunter2'], exit: 2, message: /--credential takes FIELD_NAME=VALUE/ },
  { name: '--credential LOGIN=', args: [...BASE, '--credential', 'LOGIN='], exit: 2, message: /the value for LOGIN is empty/ },
  { name: '--credentials-file /dev/zero', args: [...BASE, '--credentials-file', '/dev/zero'], exit: 2, message: /^The credentials file \/dev\/zero is not a regular file\.$/ },
  { name: '--credentials-file missing', args: [...BASE, '--credentials-file', '/nonexistent/creds.json'], exit: 2, message: /cannot be read/ },
  { name: '--credentials-file - not JSON', args: [...BASE, '--credentials-file', '-'], input: 'LOGIN=mxuser', exit: 2, message: /is not valid JSON/ },
  { name: '--credentials-file - an array', args: [...BASE, '--credentials-file', '-'], input: '["mxuser"]', exit: 2, message: /must hold a JSON object/ },
  { name: '--credentials-file - a number value', args: [...BASE, '--credentials-file', '-'], input: '{"LOGIN": 5}', exit: 2, message: /the value of LOGIN is not a string/ },
  { name: '--page 0', args: ['search-institution', 'bank', '--page', '0'], exit: 2, message: /--page/ },
  { name: '--per-page 1000', args: ['search-institution', 'bank', '--per-page', '1000'], exit: 2, message: /--per-page/ },
  { name: 'sandbox --port 99999', args: ['sandbox', '--port', '99999'], exit: 2, message: /--port takes a whole number/ },
  { name: 'sandbox --fail-rate 2', args: ['sandbox', '--fail-rate', '2'], exit: 2, message: /--fail-rate takes a number/ },
  // An empty --host is Node's "every interface": refused before anything listens, like any text that is no address.
  { name: "sandbox --host ''", args: ['sandbox', '--host', ''], exit: 2, message: /--host takes an IP address or a host name/ },
  { name: 'sandbox --host with a space', args: ['sandbox', '--host', 'a b'], exit: 2, message: /--host takes an IP address or a host name/ },
  { name: 'sandbox --host a URL', args: ['sandbox', '--host', 'http://127.0.0.1'], exit: 2, message: /--host takes an IP address or a host name/ },
  { name: 'sandbox --host with control text', args: ['sandbox', '--host', '\u001b]0;pwned\u0007x'], exit: 2, message: /--host takes an IP address or a host name/, absent: /\u001b|pwned/ },
  { name: 'sandbox --host not of this machine', args: ['sandbox', '--host', 'no-such-host.invalid'], exit: 3, message: /is not an address of this machine/ },
  { name: 'config set environment prod', args: ['config', 'set', 'environment', 'prod'], exit: 2, message: /"prod" is not an environment/ },
  { name: 'config set api-key as argument', args: ['config', 'set', 'api-key', 'hunter2-key'], exit: 2, message: /not taken as an argument/ },
  { name: 'config set api-key empty stdin', args: ['config', 'set', 'api-key'], input: '\n', exit: 2, message: /No API key was given/ },
  { name: 'config unknown action', args: ['config', 'frob'], exit: 2, message: /"frob" is not a config action/ },
  { name: 'config unknown setting', args: ['config', 'get', 'password'], exit: 2, message: /"password" is not a setting/ },
  { name: 'config set base-url http', args: ['config', 'set', 'base-url', 'http://example.com'], exit: 3, message: /Refusing MX base URL: http:\/\/example.com is not https/ },
  { name: '--base-url not a URL', args: ['--base-url', 'not a url', 'status'], exit: 3, message: /not an absolute URL/ },
  { name: '--base-url with credentials', args: ['--base-url', 'https://me:pw@example.com', 'status'], exit: 3, message: /must not contain a user name or password/ },
];

export const ANSWER_CASES: BadInputCase[] = [
  { name: 'no credentials under --no-input', args: BASE, exit: 6, message: /--no-input/ },
  { name: 'a challenge without --answer', args: [...BASE, '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=token'], exit: 6, message: /--answer/ },
  { name: 'a wrong --answer', args: [...BASE, '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=challenge', '--answer', 'wrong'], exit: 5, message: /^MX Bank did not accept the answer to its security question\.$/ },
  { name: '--select-account matching nothing', args: [...VERIFY, '--select-account', 'Brokerage'], exit: 2, message: /^The account choice given \(--select-account or MX_IAV_SELECT_ACCOUNT\) matches none/, absent: /Brokerage/ },
  { name: 'an OPTIONS answer matching nothing', args: [...BASE, '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=options', '--answer', 'maybe'], exit: 2, message: /^The answer given for challenge 1 matches none of the choices MX offers: "correct", "incorrect"\.$/ },
];

export const ENVIRONMENT_CASES: BadInputCase[] = [
  { name: 'MX_ENV=prod', args: VERIFY, env: { MX_ENV: 'prod' }, exit: 2, message: /"prod" is not an environment/ },
  { name: 'MX_BASE_URL=http://example.com', args: VERIFY, env: { MX_BASE_URL: 'http://example.com' }, exit: 3, message: /is not https/ },
  { name: 'MX_BASE_URL=ftp://127.0.0.1', args: VERIFY, env: { MX_BASE_URL: 'ftp://127.0.0.1' }, exit: 3, message: /is not https/ },
  { name: 'MX_IAV_PROFILE=../x', args: VERIFY, env: { MX_IAV_PROFILE: '../x' }, exit: 2, message: /The profile name "..\/x" is not valid/ },
  { name: 'MX_ENV=production without credentials', args: VERIFY, env: { MX_ENV: 'production', MX_API_KEY: undefined, MX_CLIENT_ID: undefined, MX_BASE_URL: undefined }, exit: 3, message: /needs MX API credentials/ },
  { name: 'MX_ENV=development without an API key', args: VERIFY, env: { MX_ENV: 'development', MX_API_KEY: undefined, MX_BASE_URL: undefined }, exit: 3, message: /no API key is configured/ },
  { name: 'MX_IAV_REQUEST_TIMEOUT=soon', args: VERIFY, env: { MX_IAV_REQUEST_TIMEOUT: 'soon' }, exit: 2, message: /MX_IAV_REQUEST_TIMEOUT takes a duration/ },
  { name: 'MX_IAV_REQUEST_TIMEOUT=0', args: VERIFY, env: { MX_IAV_REQUEST_TIMEOUT: '0' }, exit: 2, message: /MX_IAV_REQUEST_TIMEOUT must be more than zero/ },
  { name: 'MX_IAV_CREDENTIAL_PASSWORD empty', args: [...BASE, '--credential', 'LOGIN=mxuser'], env: { MX_IAV_CREDENTIAL_PASSWORD: '' }, exit: 6, message: /PASSWORD/ },
  { name: 'MX_IAV_CREDENTIAL_ with no field name', args: BASE, env: { MX_IAV_CREDENTIAL_: 'mxuser' }, exit: 6, message: /--no-input/ },
  { name: 'MX_IAV_CREDENTIAL_login lower case', args: [...BASE, '--select-account', 'first'], env: { MX_IAV_CREDENTIAL_login: 'mxuser', MX_IAV_CREDENTIAL_password: 'password' }, exit: 0, message: /Routing/ },
  { name: 'MX_IAV_SELECT_ACCOUNT matching nothing', args: [...BASE, '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=password'], env: { MX_IAV_SELECT_ACCOUNT: 'nope' }, exit: 2, message: /^The account choice given \(--select-account or MX_IAV_SELECT_ACCOUNT\) matches none of the choices MX offers/, absent: /nope/ },
];

export const CONFIG_FILE_CASES: BadInputCase[] = [
  { name: 'profile file not JSON', args: VERIFY, prepare: profileFile('{"settings": {'), exit: 3, message: /The config file .* cannot be read/ },
  { name: 'profile file a JSON array', args: VERIFY, prepare: profileFile('[1, 2]'), exit: 3, message: /The config file .* cannot be read/ },
  { name: 'profile file with an unknown environment', args: VERIFY, prepare: profileFile('{"settings": {"environment": "prod"}}'), exit: 3, message: /cannot be read: invalid value/ },
  { name: 'profile file with a path as user guid', args: VERIFY, prepare: profileFile('{"environments": {"sandbox": {"user_guid": "../../etc"}}}'), exit: 3, message: /cannot be read: invalid value/ },
  { name: 'profile file with an unknown setting', args: VERIFY, prepare: profileFile('{"settings": {"password": "x"}}'), exit: 3, message: /cannot be read: invalid value/ },
  { name: 'profile file with an http base URL', args: ['status'], env: { MX_BASE_URL: undefined }, prepare: profileFile('{"settings": {"base_url": "http://example.com"}}'), exit: 3, message: /is not https/ },
  { name: 'profile file with a step it never writes', args: VERIFY, prepare: profileFile('{"environments": {"sandbox": {"step": "hacked"}}}'), exit: 3, message: /cannot be read: invalid value/ },
  { name: 'profile file with a huge history', args: VERIFY, prepare: profileFile(JSON.stringify({ environments: { x: { history: Array.from({ length: 300 }, () => ({ at: 'now', status: null })) } } })), exit: 3, message: /cannot be read: invalid value/ },
  { name: 'profiles is a file, not a directory', args: VERIFY, prepare: (dir) => (mkdirSync(dir, { recursive: true }), writeFileSync(join(dir, 'profiles'), '')), exit: 3, message: /cannot create its config directory .*profiles \(EEXIST\)/ },
];
