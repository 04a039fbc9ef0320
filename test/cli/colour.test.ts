import { join } from 'node:path';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// The one colour rule, through the binary: NO_COLOR (or --no-color) wins; FORCE_COLOR colours even a pipe; with
// neither, colour only on a terminal. Checked on stderr (messages, errors) and on stdout (the account table).
const root = tempDir('mx-iav-colour-');
let count = 0;
const fresh = () => join(root, `case-${(count += 1)}`);

const SGR = /\x1b\[\d+(?:;\d+)*m/;
const RED_CROSS = '\x1b[31m✖\x1b[39m';
const login = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' };
/** Neither variable from the environment the tests run in: each case sets exactly what it names. */
const unset = { NO_COLOR: undefined, FORCE_COLOR: undefined };

const verify = (env: Record<string, string | undefined>, extra: string[] = []) =>
  runCli(['verify', '--no-input', '--institution', 'mxbank', '--select-account', 'first', ...extra], {
    configDir: fresh(),
    env: { ...unset, ...login, ...env },
  });
const usageError = (env: Record<string, string | undefined>) =>
  runCli(['config', 'set', 'api-version', 'v2024'], { configDir: fresh(), env: { ...unset, ...env } });

describe('colour through pipes', () => {
  it('FORCE_COLOR=1 colours a piped run: the table on stdout and the lines on stderr', async () => {
    const result = await verify({ FORCE_COLOR: '1' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('\x1b[1mAccount');
    expect(result.stdout).toContain('\x1b[32m✔\x1b[39m');
    expect(result.stderr).toContain('\x1b[32m✔\x1b[39m ');
    expect((await usageError({ FORCE_COLOR: '1' })).stderr).toContain(`${RED_CROSS} "v2024" is not an MX API version`);
  });

  it.each([
    ['NO_COLOR beats FORCE_COLOR', { FORCE_COLOR: '1', NO_COLOR: '1' }, []],
    ['--no-color beats FORCE_COLOR', { FORCE_COLOR: '1' }, ['--no-color']],
    ['FORCE_COLOR=0 is off', { FORCE_COLOR: '0' }, []],
    ['a pipe with neither variable is plain', {}, []],
  ])('%s: no escape sequence on stdout or stderr', async (_name, env, extra) => {
    const result = await verify(env, extra);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Account +Account number/m);
    expect(result.stdout + result.stderr).not.toMatch(/\x1b/);
  });
});

/** The binary in a pseudo-terminal with only the colour variables given; the raw bytes it wrote. */
function inTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['CI', 'NO_COLOR', 'FORCE_COLOR'].includes(key)) base[key] = value;
  }
  const term = pty.spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: 100,
    rows: 30,
    env: { ...base, MX_IAV_CONFIG_DIR: fresh(), ...env },
  });
  let raw = '';
  term.onData((data) => (raw += data));
  return new Promise((resolve) => term.onExit(() => resolve(raw)));
}

describe('colour on a terminal', () => {
  const args = ['config', 'set', 'api-version', 'v2024'];

  it('colours with neither variable set', async () => {
    expect(await inTerminal(args, {})).toContain(RED_CROSS);
  });

  it.each([
    ['NO_COLOR', { NO_COLOR: '1' }],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }],
  ])('is plain with %s', async (_name, env) => {
    const raw = await inTerminal(args, env);
    expect(raw).toContain('✖ "v2024" is not an MX API version');
    expect(raw).not.toMatch(SGR);
  });
});
