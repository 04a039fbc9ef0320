import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { startCli } from './helpers.js';

// Debian's chromium, which .ci/run installs. Under CI a missing browser must fail this file, never skip it.
const CHROMIUM = '/usr/bin/chromium';
const enabled = existsSync(CHROMIUM) || 'CI' in process.env;

const root = tempDir();
let count = 0;
const fresh = () => join(root, `c${(count += 1)}`);
const verify = ['verify', '--no-input', '--json', '--institution', 'mx_bank_oauth', '--select-account', 'first'];

describe.runIf(enabled)('an OAuth institution in a real headless browser', () => {
  // Launched by the first test rather than in beforeAll, so that a missing browser fails the tests themselves.
  let launched: Promise<BrowserContext> | undefined;
  const browser = () =>
    (launched ??= chromium.launchPersistentContext(join(root, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    }));
  afterAll(async () => (await launched?.catch(() => undefined))?.close());

  it('the user clicks Approve on the bank page while the CLI waits, and the account is verified', async () => {
    const cli = startCli(verify, fresh());
    const page = await (await browser()).newPage();
    await page.goto(await cli.link());
    await expect.poll(() => page.title()).toBe('MX Bank (OAuth)');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Access approved. You can close this page and go back to where you started (a terminal or the widget).').waitFor();
    const result = await cli.done;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'verified', connection_status: 'CONNECTED', institution: { code: 'mx_bank_oauth' } });
    await page.close();
  });

  it('the user clicks Deny: the CLI ends with one sentence, exit 5', async () => {
    const cli = startCli(verify, fresh());
    const page = await (await browser()).newPage();
    await page.goto(await cli.link());
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByText('Access denied.').waitFor();
    const result = await cli.done;
    expect(result.exitCode).toBe(5);
    expect(JSON.parse(result.stdout).error.message).toBe('Access was denied at MX Bank (OAuth), so no account was verified.');
    await page.close();
  });
});
