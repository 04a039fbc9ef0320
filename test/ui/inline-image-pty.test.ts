import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import pty from '@lydell/node-pty';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { onFileChanges, onPtyData, waitFor } from '../helpers/wait-for.js';
import { pressOnBankPage } from '../oauth/helpers.js';

const root = tempDir();
let count = 0;
const fresh = () => join(root, `c${(count += 1)}`);

// A stand-in for xdg-open and $BROWSER: it records what it was asked to open, one line each.
const opened = join(root, 'opened.log');
const fakeBin = join(root, 'bin');
mkdirSync(fakeBin);
const opener = join(fakeBin, 'xdg-open');
writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
chmodSync(opener, 0o755);
const openedTargets = () => (existsSync(opened) ? readFileSync(opened, 'utf8').trim().split('\n') : []);
/** The opener runs detached, so its record may land a moment after the CLI moves on. */
async function waitUntilOpened(target: string | undefined): Promise<string[]> {
  await waitFor(() => openedTargets().includes(target ?? ''), onFileChanges(root), { what: `the opener to be given ${target}`, signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  return openedTargets();
}

/** The built binary in a real pseudo-terminal, keeping the raw bytes: the image escape sequences are the point. */
function terminal(args: string[], env: Record<string, string>) {
  const base: Record<string, string> = {};
  const dropped = ['CI', 'TERM_PROGRAM', 'KITTY_WINDOW_ID', 'TMUX', 'STY', 'BROWSER'];
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !dropped.includes(key)) base[key] = value;
  const term = pty.spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: 100,
    rows: 30,
    env: { ...base, MX_IAV_CONFIG_DIR: fresh(), MX_IAV_SANDBOX_JOB_MS: '0', FORCE_COLOR: '0', ...env },
  });
  let raw = '';
  term.onData((data) => (raw += data));
  const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  const screen = () => stripVTControlCharacters(raw);
  const shows = (pattern: RegExp) =>
    waitFor(() => pattern.exec(screen()), onPtyData(term), { signal: AbortSignal.timeout(20_000) }).catch(() => {
      throw new Error(`No ${pattern} on screen:\n${screen().slice(-2000)}`);
    });
  return { raw: () => raw, screen, waitFor: shows, type: (keys: string) => term.write(keys), exit };
}

const imageLogin = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'image' };
const verifyImage = ['verify', '--institution', 'mxbank', '--select-account', 'first'];

describe('image challenges in a terminal', () => {
  it('iTerm2 draws the picture inline (OSC 1337) and no file path is shown', async () => {
    const session = terminal(verifyImage, { ...imageLogin, TERM_PROGRAM: 'iTerm.app' });
    await session.waitFor(/What do you see in this image\?/);
    expect(session.raw()).toMatch(/type what it shows:\r?\n\x1b\]1337;File=inline=1;size=\d+;preserveAspectRatio=1:iVBORw0KGgo[A-Za-z0-9+/=]+\x07/);
    expect(session.screen()).not.toContain('challenge.png');
    session.type('correct\r');
    expect(await session.exit).toBe(0);
    expect(session.screen()).toContain('Verified at MX Bank');
  });

  it('elsewhere it shows the private file\'s path, and --open hands that file to the system viewer', async () => {
    const session = terminal([...verifyImage, '--open'], { ...imageLogin, PATH: `${fakeBin}:${process.env.PATH}` });
    const [, path] = await session.waitFor(/open it and type what it shows: (\S+challenge\.png)/);
    await session.waitFor(/What do you see in this image\?/);
    expect(session.raw()).not.toContain('\x1b]1337;');
    expect(readFileSync(path ?? '').subarray(1, 4).toString()).toBe('PNG');
    expect(await waitUntilOpened(path)).toContain(path);
    session.type('correct\r');
    expect(await session.exit).toBe(0);
  });
});

describe('an OAuth institution in a terminal with --open', () => {
  it('hands the sign-in link to $BROWSER and verifies once the bank approves', async () => {
    const session = terminal(['verify', '--institution', 'mx_bank_oauth', '--select-account', 'first', '--open'], { BROWSER: opener });
    const [, link] = await session.waitFor(/approve access for mx-iav:\s+(http\S+)/);
    await session.waitFor(/Opening it in your browser/);
    expect(await waitUntilOpened(link)).toContain(link);
    expect(await pressOnBankPage(link ?? '', 'Approve')).toContain('Access approved.');
    expect(await session.exit).toBe(0);
    expect(session.screen()).toContain('Verified at MX Bank (OAuth)');
  });
});
