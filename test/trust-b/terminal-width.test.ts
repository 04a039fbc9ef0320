import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Tables and the sandbox's banner fit the terminal they are shown in (tmux at 60-120 columns); piped, lines stay
// whole, one row per line, for scripts.

const dir = tempDir('mx-iav-trust-b-width-');

/** The binary in a pseudo-terminal `cols` wide; resolves with what it showed once `until` appears or it exits. */
function showAt(cols: number, args: string[], until?: RegExp, extraEnv: Record<string, string> = {}): Promise<string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') env[key] = value;
  const term = pty.spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols,
    rows: 50,
    env: { ...env, MX_IAV_CONFIG_DIR: join(dir, `c${cols}-${args[0]}`), FORCE_COLOR: '0', NO_COLOR: '1', MX_IAV_SANDBOX_JOB_MS: '0', ...extraEnv },
  });
  let raw = '';
  return new Promise((resolve) => {
    term.onData((data) => {
      raw += data;
      if (until && until.test(stripVTControlCharacters(raw))) {
        term.kill('SIGTERM');
      }
    });
    term.onExit(() => resolve(stripVTControlCharacters(raw).replace(/\r/g, '')));
  });
}

// Sentences (a hint to copy, the listening line) are left for the terminal to wrap: only the laid-out text is measured.
const PROSE = /^(Run one: |MX sandbox listening )/;
const longest = (text: string) => Math.max(...text.split('\n').filter((line) => !PROSE.test(line)).map((line) => line.length));

describe('at the terminal’s width', () => {
  it.each([60, 80, 120])('mx-iav scenarios fits %i columns', async (cols) => {
    const shown = await showAt(cols, ['scenarios']);
    expect(shown).toContain('happy');
    expect(longest(shown)).toBeLessThanOrEqual(cols);
  });

  it.each([60, 100])('mx-iav sandbox: the banner and the scenario table fit %i columns', async (cols) => {
    const shown = await showAt(cols, ['sandbox', '--port', '0'], /Ctrl-C to stop/);
    expect(shown).toContain('MX_BASE_URL=http://127.0.0.1:');
    expect(shown).toMatch(/^# MX API versions: /m);
    expect(shown).toContain('harborview_brokerage');
    expect(longest(shown)).toBeLessThanOrEqual(cols);
  });

  it.each([[60, false], [120, true]])('the account numbers at %i columns: one line per account: %s', async (cols, oneLine) => {
    const credentials = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' };
    const shown = await showAt(cols, ['verify', '--institution', 'mxbank', '--select-account', 'first'], undefined, credentials);
    const table = shown.slice(shown.search(/^Account /m));
    expect(table).toMatch(oneLine ? /^Account +Account number +Routing number +Validated$/m : /^Routing number +\d{9}/m);
    expect(longest(table.split('\n\n').slice(0, 1).join('\n'))).toBeLessThanOrEqual(cols);
  });

  it('piped, a row stays one line', async () => {
    const result = await runCli(['scenarios'], { configDir: join(dir, 'piped') });
    expect(result.stdout).toMatch(/^happy +mxbank +mxuser +password +account: first +CONNECTED +credentials accepted, the first account chosen$/m);
  });
});
