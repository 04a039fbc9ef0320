import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderUnicodeCompact } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { KEYS, startPty } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';
import { onFileChanges, waitFor } from '../helpers/wait-for.js';
import { savedState } from './cli-run.js';
import { customer, type Customer } from './flow-customer.js';

// In a real terminal: the QR code of the link above it, the link on its own line, --open handing it to the browser,
// Enter for a new link, then the numbers once the customer is done.
const root = tempDir();
const opened = join(root, 'opened.log');
const browser = join(root, 'bin', 'browser');
mkdirSync(join(root, 'bin'));
writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
chmodSync(browser, 0o755);
const openedLinks = () => (existsSync(opened) ? readFileSync(opened, 'utf8').trim().split('\n') : []);

let sandbox: Sandbox;
let person: Customer;
beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0 });
  person = customer(sandbox);
});
afterAll(async () => {
  person.close();
  await sandbox.close();
});

const LINK = /^(http:\/\/\S+\/widget\/connect\/\S+)\s*$/gm;

describe('verify --widget in a terminal', () => {
  it('shows a QR code of the link above it, opens it with --open, and makes a new one on Enter', async () => {
    const configDir = join(root, 'c1');
    const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey, BROWSER: browser };
    const term = startPty(['verify', '--widget', '--open'], configDir, env);
    await term.waitFor('Press Enter for a new link if this one has been used or has expired.');
    const first = [...term.screen().matchAll(LINK)][0]?.[1] ?? '';
    expect(first).not.toBe('');
    // The QR code the screen shows is the one of this very link, drawn just above it.
    const qr = renderUnicodeCompact(first, { ecc: 'L', border: 2 }).trimEnd();
    const screen = term.screen().replace(/\r/g, '');
    expect(screen).toContain(`${qr}\n${first}\n`);
    // The opener runs detached: its line lands when it lands, and the log's change says so.
    await waitFor(() => openedLinks().includes(first), onFileChanges(root), { what: 'the opener to be given the link' });
    expect(openedLinks()).toEqual([first]);

    term.mark();
    term.type(KEYS.enter);
    await term.waitFor('Here is a new link for the customer (it works once, for 10 minutes):');
    await term.waitFor(/widget\/connect\/\S+\s*\n/);
    const links = [...term.screen().replace(/\r/g, '').matchAll(LINK)].map((match) => match[1]);
    expect(links).toHaveLength(2);
    expect(links[1]).not.toBe(first);

    const user = savedState(configDir).user_guid as string;
    await person.answer(user, await person.signIn(user, 'good'), 'correct');
    expect(await term.exited()).toBe(0);
    expect(term.screen()).toContain('Verified at MX Bank');
    expect(term.screen()).toContain('Account numbers are masked');
  });

  it('Ctrl-C while waiting for the customer stops the run (exit 130), lets go of the terminal and says to resume in the widget', async () => {
    const configDir = join(root, 'c2');
    const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
    const term = startPty(['verify', '--widget'], configDir, env);
    await term.waitFor('Press Enter for a new link if this one has been used or has expired.');
    term.type(KEYS.ctrlC);
    expect(await term.exited()).toBe(130);
    expect(term.screen()).toContain('Continue with: mx-iav resume --widget');
    expect(savedState(configDir).user_guid).toMatch(/^USR-/);
  });
});
