import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { reportFigures } from '../helpers/figures.js';
import { startMxProxy, type MxProxy } from '../helpers/mx-proxy.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { KEYS, startPty } from '../helpers/pty.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Every command and scenario, with --debug, run with a distinctive API key and bank password; then all output, every
// file under the config directories and every file the runs left in their temporary directory are searched for
// them. The one place the API key may be is the `settings.api_key` of a profile where `config set api-key` put it
// on purpose; that field (and only it) is left out of the search, and its file must be 0600.

const API_KEY = 'canary-apikey-7f3e9';
const WRONG_KEY = 'canary-wrongkey-4d2a';
const PASSWORD = 'canary-pw-91b2';
// A password JSON must escape (so a search of the JSON text for it finds nothing), a 3-character one, an answer.
const QUOTED = 'canary"q\\91b2';
const SHORT = 'zq7';
const ANSWER = 'canary-answer-3c8e';
// The password minus its last character: how a --credential without "=" used to be echoed.
const CANARIES = [API_KEY, WRONG_KEY, PASSWORD, PASSWORD.slice(0, -1), QUOTED, JSON.stringify(QUOTED).slice(1, -1), SHORT, ANSWER];

let sandbox: Sandbox;
let echoQuoted: MxProxy;
let echoShort: MxProxy;
let echoLater: MxProxy;
// A proxy in HTTP_PROXY/HTTPS_PROXY that records every byte it is sent: a loopback base URL must never reach it.
let trap: Server;
let trapped = '';
let trapConnections = 0;
const root = tempDir('mx-iav-canaries-');
const tmp = join(root, 'tmp');
const outputs: { label: string; run: CliResult }[] = [];
let env: Record<string, string>;

const mxbank = (password: string) => ['--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', `PASSWORD=${password}`];
// Evergreen has a third field, so the challenge scenarios (whose password is fixed) still carry the canary, as the PIN.
const evergreen = (password: string) => ['--institution', 'evergreen_fcu', '--credential', 'LOGIN=mxuser', '--credential', `PASSWORD=${password}`, '--credential', `PIN=${PASSWORD}`];
const answers = ['--answer', 'correct', '--select-account', 'first'];

async function run(label: string, args: string[], options: { profile?: string; env?: Record<string, string | undefined>; input?: string; dir?: string } = {}) {
  const configDir = options.dir ?? join(root, 'config');
  const result = await runCli(['--debug', '--no-input', '--profile', options.profile ?? 'canary', ...args], {
    configDir,
    env: { ...env, TMPDIR: tmp, ...options.env },
    input: options.input,
  });
  outputs.push({ label, run: result });
  return result;
}

beforeAll(async () => {
  mkdirSync(tmp, { recursive: true });
  sandbox = await createSandbox({ apiKey: API_KEY, jobMs: 10, recordPath: '' });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: API_KEY };

  // MX echoing the bank password back in its error, as a hostile or careless server may.
  const echoing = (password: string) => startMxProxy(sandbox.url, [
    { method: 'POST', path: /^\/users\/[^/]+\/members$/, action: { status: 422, body: { error: { message: `Password ${password} is not valid` }, echoed: { fields: [password] } } } },
  ]);
  [echoQuoted, echoShort] = await Promise.all([echoing(QUOTED), echoing(SHORT)]);
  // MX echoing the password later, in the status message of every poll after the create that carried it.
  echoLater = await startMxProxy(sandbox.url, [
    { method: 'GET', path: /^\/users\/[^/]+\/members\/[^/]+\/status$/, action: { rewrite: (body) => ({ ...body, member: { ...body.member, connection_status_message: `Password ${PASSWORD} accepted` } }) } },
  ]);
  trap = createServer((socket) => {
    trapConnections += 1;
    socket.on('data', (chunk: Buffer) => (trapped += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    setTimeout(() => socket.destroy(), 200);
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));

  await Promise.all([guideSteps(), scenarios(), configAndKeys(), imageInATerminal(), secretsTypedWrong(), echoedLaterAndProxied()]);

  // `mx-iav sandbox` with the key in the environment prints the sandbox's own key, never the configured one.
  const served = spawnCli(['--debug', 'sandbox', '--port', '0'], { configDir: join(root, 'config'), env: { ...env, TMPDIR: tmp } });
  await new Promise<void>((resolve) => served.child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('MX_API_KEY=') && resolve()));
  served.child.kill('SIGINT');
  outputs.push({ label: 'sandbox', run: await served.result });
}, 300_000);
afterAll(async () => {
  await Promise.all([echoQuoted?.close(), echoShort?.close(), echoLater?.close()]);
  trap?.close();
  await sandbox.close();
});

/** MX's guide, one step per process. */
async function guideSteps() {
  expect((await run('create-user', ['create-user'], { profile: 'steps' })).exitCode).toBe(0);
  expect((await run('search-institution', ['search-institution', 'MX Bank'], { profile: 'steps' })).exitCode).toBe(0);
  expect((await run('create-member', ['create-member', ...mxbank(PASSWORD)], { profile: 'steps' })).exitCode).toBe(0);
  expect((await run('verify (continues)', ['verify', ...answers], { profile: 'steps' })).exitCode).toBe(0);
  expect((await run('status', ['status'], { profile: 'steps' })).exitCode).toBe(0);
  expect((await run('status --json', ['--json', 'status'], { profile: 'steps' })).exitCode).toBe(0);
  expect((await run('account-numbers', ['account-numbers', '--reveal'], { profile: 'steps' })).exitCode).toBe(0);
  expect((await run('verify --update-credentials', ['verify', '--update-credentials', ...mxbank(PASSWORD), ...answers], { profile: 'steps' })).exitCode).toBe(0);
  // Interrupted by a missing answer (exit 6), then resumed.
  expect((await run('verify needing an answer', ['verify', ...evergreen('token')], { profile: 'resume' })).exitCode).toBe(6);
  expect((await run('resume', ['resume', ...answers], { profile: 'resume' })).exitCode).toBe(0);
}

/** Every scenario, each in a profile of its own, a few at a time. */
async function scenarios() {
  const all: [string, string[], number][] = [
    ['happy path', mxbank(PASSWORD), 0],
    ['happy path --json', ['--json', ...mxbank(PASSWORD)], 0],
    ['one account', ['--institution', 'mxbank', '--credential', 'LOGIN=mxuser_one_account', '--credential', `PASSWORD=${PASSWORD}`], 0],
    ['no eligible account', ['--institution', 'mxbank', '--credential', 'LOGIN=mxuser_no_dda', '--credential', `PASSWORD=${PASSWORD}`], 5],
    ...(['challenge', 'options', 'image', 'token', 'image_options'] as const).map((password): [string, string[], number] => [`${password} challenge`, evergreen(password), 0]),
    ['challenge denied', ['--institution', 'evergreen_fcu', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=challenge', '--credential', `PIN=${PASSWORD}`, '--answer', 'DISABLED'], 5],
    ['credentials denied', evergreen('INVALID'), 5],
    ['locked', evergreen('LOCKED'), 5],
  ];
  const worker = async () => {
    for (let next = all.shift(); next; next = all.shift()) {
      const [label, args, exit] = next;
      const answerArgs = args.includes('--answer') ? ['--select-account', 'first'] : answers;
      expect((await run(label, ['verify', ...args, ...answerArgs], { profile: label.replace(/\W+/g, '-') })).exitCode).toBe(exit);
    }
  };
  await Promise.all([worker(), worker()]);
}

async function configAndKeys() {
  // The key as a flag (warned about), the credentials from a file on stdin, and the environment.
  expect((await run('--api-key flag', ['--api-key', API_KEY, 'verify', ...mxbank(PASSWORD), ...answers], { profile: 'flag', env: { MX_API_KEY: undefined } })).exitCode).toBe(0);
  const credentialsJson = JSON.stringify({ LOGIN: 'mxuser', PASSWORD });
  expect((await run('--credentials-file -', ['verify', '--institution', 'mxbank', '--credentials-file', '-', ...answers], { profile: 'file', input: credentialsJson })).exitCode).toBe(0);
  expect((await run('MX_IAV_CREDENTIAL_*', ['verify', '--institution', 'mxbank', ...answers], { profile: 'env', env: { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: PASSWORD } })).exitCode).toBe(0);

  // A wrong key: MX answers 401.
  expect((await run('401', ['verify', ...mxbank(PASSWORD), ...answers], { profile: 'wrong', env: { MX_API_KEY: WRONG_KEY } })).exitCode).toBe(3);
  expect((await run('401 --json', ['--json', 'status', '--user', 'USR-x1', '--member', 'MBR-x1'], { profile: 'wrong', env: { MX_API_KEY: WRONG_KEY } })).exitCode).toBe(3);

  // config: the key from stdin, then used from the saved profile.
  const keyDir = join(root, 'config-with-key');
  const noEnvKey = { MX_API_KEY: undefined, MX_CLIENT_ID: undefined, MX_BASE_URL: undefined };
  expect((await run('config set api-key (argument refused)', ['config', 'set', 'api-key', API_KEY], { dir: keyDir, env: noEnvKey })).exitCode).toBe(2);
  // The key is saved for the base URL in force when it is saved, and sent nowhere else.
  expect((await run('config set base-url', ['config', 'set', 'base-url', sandbox.url], { dir: keyDir, env: noEnvKey })).exitCode).toBe(0);
  expect((await run('config set api-key (stdin)', ['config', 'set', 'api-key'], { dir: keyDir, env: noEnvKey, input: `${API_KEY}\n` })).exitCode).toBe(0);
  expect((await run('config set client-id', ['config', 'set', 'client-id', sandbox.clientId], { dir: keyDir, env: noEnvKey })).exitCode).toBe(0);
  for (const args of [['config', 'get', 'api-key'], ['config', 'list'], ['--json', 'config', 'list'], ['config', 'path']]) {
    expect((await run(args.join(' '), args, { dir: keyDir, env: noEnvKey })).exitCode).toBe(0);
  }
  expect((await run('verify with the saved key', ['verify', ...mxbank(PASSWORD), ...answers], { dir: keyDir, env: noEnvKey })).exitCode).toBe(0);

  // The built-in sandbox keeps its state in the config directory: the password must not be in it.
  expect((await run('built-in sandbox', ['verify', ...mxbank(PASSWORD), ...answers], { profile: 'builtin', env: noEnvKey })).exitCode).toBe(0);
}

/** Secrets in the wrong place: a flag without "=", a misspelt flag, an answer matching no choice, an echoing MX. */
async function secretsTypedWrong() {
  expect((await run('--credential without =', ['verify', '--institution', 'mxbank', '--credential', PASSWORD])).exitCode).toBe(2);
  expect((await run('--credential without = (--json)', ['--json', 'verify', '--institution', 'mxbank', '--credential', PASSWORD])).exitCode).toBe(2);
  expect((await run('misspelt --credential=', ['verify', `--credentail=PASSWORD=${PASSWORD}`])).exitCode).toBe(2);
  const wrongAnswer = ['verify', ...evergreen('options'), '--answer', ANSWER, '--select-account', 'first', '--junit', junit()];
  expect((await run('--answer matching no choice', wrongAnswer, { profile: 'wrong-answer' })).exitCode).not.toBe(0);
  expect((await run('MX echoes a quoted password', ['verify', ...mxbank(QUOTED), ...answers], { profile: 'echo-quoted', env: { MX_BASE_URL: echoQuoted.url } })).exitCode).toBe(4);
  expect((await run('MX echoes a short password', ['--json', 'verify', ...mxbank(SHORT), ...answers], { profile: 'echo-short', env: { MX_BASE_URL: echoShort.url } })).exitCode).toBe(4);
}

/** A password echoed on every later poll, and proxy variables set for a loopback base URL (which goes direct). */
async function echoedLaterAndProxied() {
  expect((await run('MX echoes the password in later status messages', ['verify', ...mxbank(PASSWORD), ...answers], { profile: 'echo-later', env: { MX_BASE_URL: echoLater.url } })).exitCode).toBe(0);
  const trapUrl = `http://proxyuser:${PASSWORD}@127.0.0.1:${(trap.address() as AddressInfo).port}`;
  const proxied = { HTTP_PROXY: trapUrl, HTTPS_PROXY: trapUrl, http_proxy: trapUrl, https_proxy: trapUrl, ALL_PROXY: trapUrl, NO_PROXY: undefined, no_proxy: undefined };
  expect((await run('doctor with proxy variables', ['doctor'], { profile: 'proxied', env: proxied })).exitCode).toBe(0);
  expect((await run('verify with proxy variables', ['verify', ...mxbank(PASSWORD), ...answers], { profile: 'proxied', env: proxied })).exitCode).toBe(0);
  const localhost = { ...proxied, MX_BASE_URL: sandbox.url.replace('127.0.0.1', 'localhost') };
  expect((await run('verify at localhost with proxy variables', ['verify', '--new', ...mxbank(PASSWORD), ...answers], { profile: 'proxied-localhost', env: localhost })).exitCode).toBe(0);
}

/**
 * Challenge images are written only where a person can look at them: in a terminal, under TMPDIR, and removed when
 * the run ends. --open hands the image to a stand-in viewer that writes down the environment it was given.
 */
async function imageInATerminal() {
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nenv > '${join(tmp, 'viewer-env.txt')}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const viewerEnv = { ...env, TMPDIR: tmp, PATH: `${bin}:${process.env.PATH}`, MX_IAV_CREDENTIAL_PIN: PASSWORD };
  const session = startPty(['--debug', '--profile', 'pty', 'verify', '--open', ...evergreen('image')], join(root, 'config'), viewerEnv);
  await session.waitFor('What do you see in this image?');
  session.type(`correct${KEYS.enter}`);
  await session.waitFor('Please select an account');
  session.type(KEYS.enter);
  const exitCode = await session.exited();
  outputs.push({ label: 'image challenge in a terminal', run: { exitCode, stdout: session.screen(), stderr: '' } });
  expect(exitCode).toBe(0);
}

const junit = () => join(tmp, 'answer.xml');

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((name) => join(dir, name)).filter((path) => statSync(path).isFile());
}

/** The file's text, minus the one field allowed to hold the API key. */
function searchableText(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.includes(`${join('config-with-key', 'profiles')}`)) return text;
  const file = JSON.parse(text) as { settings: { api_key?: string } };
  expect(file.settings.api_key).toBe(API_KEY);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  delete file.settings.api_key;
  return JSON.stringify(file);
}

describe('canaries: the API key and the bank password appear nowhere', () => {
  it('in any output, config file or temporary file', () => {
    const hits: string[] = [];
    for (const { label, run } of outputs) {
      for (const canary of CANARIES) if ((run.stdout + run.stderr).includes(canary)) hits.push(`${label}: output holds ${canary}`);
    }
    const files = [...filesUnder(join(root, 'config')), ...filesUnder(join(root, 'config-with-key')), ...filesUnder(tmp)];
    for (const path of files) {
      const text = searchableText(path);
      for (const canary of CANARIES) if (text.includes(canary)) hits.push(`${path.slice(root.length)}: holds ${canary}`);
    }
    // What reached the proxy counts too: a loopback base URL must not send it a byte (the API key would be in it).
    if (trapConnections > 0) hits.push(`the proxy was sent ${trapConnections} connection(s): ${trapped.slice(0, 200)}`);
    const debugLines = outputs.reduce((sum, { run }) => sum + (run.stderr.match(/^debug: mx /gm) ?? []).length, 0);
    reportFigures('canaries', { commands: outputs.length, 'debug request lines': debugLines, 'files searched': files.length, hits: hits.length });
    if (hits.length) console.log(hits.join('\n'));

    expect(hits).toEqual([]);
    // The search means something: the runs traced requests and wrote files; the challenge image was written under
    // TMPDIR, handed to the viewer (which wrote its environment there), and removed when the run ended.
    expect(debugLines).toBeGreaterThan(100);
    const terminal = outputs.find(({ label }) => label === 'image challenge in a terminal')!.run.stdout;
    expect(terminal).toContain(join(tmp, 'mx-iav-image-'));
    expect(filesUnder(tmp).filter((path) => /mx-iav-image-/.test(path))).toEqual([]);
    expect(readFileSync(join(tmp, 'viewer-env.txt'), 'utf8')).toMatch(/^MX_BASE_URL=/m);
    const stderrOf = (label: string) => outputs.find((output) => output.label === label)!.run.stderr;
    expect(stderrOf('MX echoes a quoted password')).toMatch(/is not valid/);
    expect(stderrOf('--answer matching no choice')).toMatch(/The answer given for challenge 1 matches none of the choices/);
    // Secrets on the command line are named (never shown) with the way to keep them off it, as --api-key is.
    expect(stderrOf('--answer matching no choice')).toMatch(/^Warning: --credential PIN is visible to other users in the process list; prefer MX_IAV_CREDENTIAL_PIN or --credentials-file\.$/m);
    expect(stderrOf('--answer matching no choice')).toMatch(/^Warning: --answer is visible to other users in the process list; prefer MX_IAV_ANSWERS\.$/m);
    expect(stderrOf('--answer matching no choice')).not.toMatch(/--credential LOGIN is visible/);
    expect(stderrOf('verify needing an answer')).toMatch(/--no-input is set: set MX_IAV_ANSWERS .* or pass --answer/);
    expect(stderrOf('--credential without =')).toMatch(/what was given is not shown/);
    expect(readFileSync(junit(), 'utf8')).toMatch(/matches none of the choices/);
    expect(outputs.find((output) => output.label === 'MX echoes a short password')!.run.stdout).toContain('Password *** is not valid');
    expect(outputs.find(({ label }) => label === 'sandbox')?.run.stdout).toContain('MX_API_KEY=sandbox-not-a-secret');
    // The echo was there to be masked: every poll's debug line shows the status message, masked.
    expect(stderrOf('MX echoes the password in later status messages')).toMatch(/"connection_status_message":"Password \*\*\* accepted"/);
    expect(outputs.find(({ label }) => label === 'doctor with proxy variables')?.run.stdout).toMatch(/^✔ proxy +none: a loopback base URL always goes direct/m);
    expect(outputs.find(({ label }) => label === '--api-key flag')?.run.stderr).toMatch(/visible to other users in the process list/);
  });
});
