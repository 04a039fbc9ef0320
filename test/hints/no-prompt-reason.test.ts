import pty from '@lydell/node-pty';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { KEYS, startPty } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';

// A missing answer says why mx-iav could not ask for it: the flag, CI, or which end has no terminal.
const asks = (reason: string) =>
  `✖ mx-iav needs to know which institution to use, but ${reason}: pass --institution CODE or set MX_IAV_INSTITUTION.\n`;

describe('the reason a missing answer gives', () => {
  it.each([
    [[] as string[], {}, 'stdin is not a terminal'],
    [['--no-input'], {}, '--no-input is set'],
    [[], { CI: 'true' }, 'CI is set'],
  ])('verify %j with %j: %s', async (flags, env, reason) => {
    const run = await runCli(['verify', ...flags], { configDir: tempDir(), env: { CI: undefined, MX_IAV_INSTITUTION: undefined, ...env } });
    expect(run.exitCode).toBe(6);
    expect(run.stderr).toContain(asks(reason));
  });

  it('with only stdout piped, in a terminal: stdout is not a terminal', async () => {
    const screen = await inTerminalPipedTo('cat', ['verify']);
    expect(screen.replace(/\r\n/g, '\n')).toContain(asks('stdout is not a terminal'));
  });

  it('CI=false is not CI: in a terminal, mx-iav asks', async () => {
    const session = startPty(['verify'], tempDir(), { CI: 'false' });
    await session.waitFor('Search for your bank');
    session.type(KEYS.ctrlC);
    await session.exited();
    expect(session.screen()).not.toContain('CI is set');
  });
});

/** Runs the binary in a pseudo-terminal with its stdout piped to `sink`, as `mx-iav verify | cat` does. */
function inTerminalPipedTo(sink: string, args: string[]): Promise<string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI' && key !== 'MX_IAV_INSTITUTION') env[key] = value;
  const command = `"${process.execPath}" "${BIN}" ${args.join(' ')} | ${sink}`;
  const term = pty.spawn('/bin/sh', ['-c', command], {
    name: 'xterm-256color',
    cols: 160,
    rows: 30,
    env: { ...env, MX_IAV_CONFIG_DIR: tempDir(), MX_IAV_SANDBOX_JOB_MS: '0', NO_COLOR: '1' },
  });
  let raw = '';
  term.onData((data) => (raw += data));
  return new Promise((resolve) => term.onExit(() => resolve(stripVTControlCharacters(raw))));
}
