import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { KEYS } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';
import { anyOf, onPtyData, waitFor as waitUntil } from '../helpers/wait-for.js';

// `mx-iav verify 2>log` in a terminal: the questions and the typed answers belong on the screen, never in the file
// stderr was sent to (which before got the prompts, and the MFA answer keystroke by keystroke).

const dir = tempDir('mx-iav-trust-b-prompts-');
const ANSWER = 'correct';

function startWithStderrIn(log: string, args: string[]) {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') env[key] = value;
  const quoted = [process.execPath, BIN, ...args].map((word) => `'${word}'`).join(' ');
  const term = pty.spawn('/bin/sh', ['-c', `exec ${quoted} 2>'${log}'`], {
    name: 'xterm-256color',
    cols: 100,
    rows: 30,
    env: { ...env, MX_IAV_CONFIG_DIR: join(dir, 'config'), MX_IAV_SANDBOX_JOB_MS: '0', FORCE_COLOR: '0', MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'challenge' },
  });
  let raw = '';
  let gone = false;
  term.onData((data) => (raw += data));
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => ((gone = true), resolve(exitCode))));
  const printedOrGone = anyOf(onPtyData(term), (changed) => {
    const subscription = term.onExit(() => changed());
    return () => subscription.dispose();
  });
  const screen = () => stripVTControlCharacters(raw);
  const waitFor = async (text: string) => {
    await waitUntil(() => screen().includes(text) || gone, printedOrGone, { what: text, signal: AbortSignal.timeout(30_000) });
    if (!screen().includes(text)) throw new Error(`exited before showing ${text}. Screen:\n${screen()}\nLog:\n${readFileSync(log, 'utf8')}`);
  };
  return { screen, waitFor, type: (keys: string) => term.write(keys), exited };
}

describe('prompts with stderr redirected to a file', () => {
  it('are shown in the terminal, with the typed answer, and the file holds neither', async () => {
    const log = join(dir, 'verify.log');
    const session = startWithStderrIn(log, ['verify', '--institution', 'mxbank']);
    await session.waitFor('What city were you born in?');
    session.type(`${ANSWER}${KEYS.enter}`);
    await session.waitFor('Please select an account');
    session.type(KEYS.enter);
    expect(await session.exited).toBe(0);
    expect(session.screen()).toContain(ANSWER);
    const written = readFileSync(log, 'utf8');
    expect(written).not.toContain('What city were you born in?');
    expect(written).not.toContain('Please select an account');
    expect(written).not.toContain(ANSWER);
    // The file still gets the run's messages: stderr was redirected, not lost.
    expect(written).toContain('built-in sandbox');
  });
});
