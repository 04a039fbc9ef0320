import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';

// bin/mx-iav.js answers `--help` and `--version` from text the build rendered, without loading the program;
// the text must be exactly what the program itself prints.
const MAIN = new URL('../../dist/main.js', import.meta.url).pathname;
const QUICK_ANSWERS = new URL('../../dist/quick-answers.json', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const env = { ...process.env, NO_COLOR: '1' };
const stdoutOf = (...args: string[]) => {
  const run = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
};

describe('the quick answers of bin/mx-iav.js', () => {
  it.each([['--help'], ['-h']])('%s is the program\'s own help', (flag) => {
    const own = stdoutOf(MAIN, '--help');
    expect(own).toContain('Usage: mx-iav');
    expect(JSON.parse(readFileSync(QUICK_ANSWERS, 'utf8')).help).toBe(own);
    expect(stdoutOf(BIN, flag)).toBe(own);
  });

  it.each([['--version'], ['-v']])('%s is the package version', (flag) => {
    expect(stdoutOf(BIN, flag)).toBe(`${version}\n`);
  });

  it('anything more than the flag alone goes to the program (here, a subcommand\'s help)', () => {
    const help = stdoutOf(BIN, 'verify', '--help');
    expect(help).toContain('Usage: mx-iav verify');
  });

  it('a terminal narrower than 80 columns gets commander\'s own layout, wrapped to its width', async () => {
    const term = pty.spawn(process.execPath, [BIN, '--help'], { cols: 60, rows: 40, env: env as Record<string, string> });
    let screen = '';
    term.onData((data) => (screen += data));
    await new Promise((resolve) => term.onExit(resolve));
    const lines = stripVTControlCharacters(screen).split(/\r?\n/);
    // At 80 columns this line goes on with "guided in a terminal,".
    expect(lines).toContain('Instant account verification with the MX Platform API:');
  });
});
