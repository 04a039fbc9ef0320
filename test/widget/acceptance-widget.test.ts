import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { browserEnabled, launchBrowser } from './sandbox-browser.js';
import { savedState, startWidgetCli } from './cli-run.js';

// Issue 16's acceptance: the customer completes MX Bank in the sandbox's widget page, in real headless Chromium,
// while `mx-iav verify --widget --no-input --json` runs as a child process and prints the account numbers.
const root = tempDir();
let count = 0;
const fresh = () => join(root, `c${(count += 1)}`);
let sandbox: Sandbox;
let env: Record<string, string>;
let launched: Promise<BrowserContext> | undefined;
// Launched by the first test rather than in beforeAll, so that a missing browser fails the tests themselves.
const browser = () => (launched ??= launchBrowser(join(root, 'profile')));

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, widgetUrlTtlMs: 2500 });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
});
afterAll(async () => {
  await (await launched?.catch(() => undefined))?.close();
  await sandbox?.close();
});

const verify = ['verify', '--widget', '--no-input', '--json'];

/** The browser is up before the CLI starts: a link lives 2.5 s in this sandbox, less than a cold Chromium takes. */
async function start(args: string[], configDir: string, extra: Record<string, string> = {}) {
  await browser();
  return startWidgetCli(args, configDir, { ...env, ...extra });
}

/** The customer opens the link in their own browser tab. */
async function open(link: string): Promise<Page> {
  const page = await (await browser()).newPage();
  await page.goto(link);
  return page;
}

async function chooseBank(page: Page, name: string) {
  await page.getByLabel('Search for your bank').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name, exact: true }).click();
}

async function signIn(page: Page, password: string, button = 'Continue') {
  await page.getByLabel('Username').fill('mxuser');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: button }).click();
}

async function pickFirstAccountAndFinish(page: Page, bank = 'MX Bank') {
  await page.getByText('Please select an account:').waitFor();
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText(`Your account at ${bank} is verified.`).waitFor();
  await page.close();
}

async function verified(cli: Awaited<ReturnType<typeof start>>, bank = 'mxbank') {
  const result = await cli.done;
  expect(result.exitCode, result.stderr).toBe(0);
  const output = JSON.parse(result.stdout);
  expect(output).toMatchObject({ status: 'verified', institution: { code: bank }, connection_status: 'CONNECTED' });
  expect(output.account_numbers).toHaveLength(1);
  expect(output.account_numbers[0].account_number).toMatch(/^\D+\d{4}$/);
  return output;
}

describe.runIf(browserEnabled)('verify --widget while the customer uses the sandbox page in Chromium', () => {
  it('MX Bank, plain', async () => {
    const cli = await start(verify, fresh());
    const page = await open(await cli.link());
    await chooseBank(page, 'MX Bank');
    await signIn(page, 'correct');
    await pickFirstAccountAndFinish(page);
    await verified(cli);
  });

  it('MX Bank with a security question answered in the page', async () => {
    const cli = await start(verify, fresh());
    const page = await open(await cli.link());
    await chooseBank(page, 'MX Bank');
    await signIn(page, 'challenge');
    const answer = page.getByLabel('What city were you born in?');
    await answer.fill('correct');
    await page.getByRole('button', { name: 'Continue' }).click();
    await pickFirstAccountAndFinish(page);
    await verified(cli);
  });

  it('MX Bank (OAuth): the customer approves at the bank page the widget opens', async () => {
    const cli = await start(verify, fresh());
    const page = await open(await cli.link());
    await chooseBank(page, 'MX Bank (OAuth)');
    await page.getByRole('button', { name: 'Continue' }).click();
    const bankPage = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Go to MX Bank (OAuth)' }).click();
    const bank = await bankPage;
    await bank.getByRole('button', { name: 'Approve' }).click();
    await bank.getByText('Access approved.', { exact: false }).waitFor();
    await bank.close();
    await pickFirstAccountAndFinish(page, 'MX Bank (OAuth)');
    await verified(cli, 'mx_bank_oauth');
  });

  it('MX Bank, a wrong password and then the right one', async () => {
    const cli = await start(verify, fresh());
    const page = await open(await cli.link());
    await chooseBank(page, 'MX Bank');
    await signIn(page, 'INVALID');
    await page.getByText('The credentials entered do not match those at MX Bank.', { exact: false }).waitFor();
    await signIn(page, 'correct', 'Try again');
    await pickFirstAccountAndFinish(page);
    await verified(cli);
  });

  it('an expired link and a used one are refused by the sandbox, and the CLI makes a new one that works', async () => {
    const cli = await start(verify, fresh(), { MX_IAV_WIDGET_URL_LIFETIME: '2500ms' });
    const first = await cli.link();
    const second = await cli.link(2);
    const expired = await open(first);
    await expired.getByText('This link has expired. Ask for a new one.').waitFor();
    await expired.close();
    const page = await open(second);
    const usedAgain = await open(second);
    await usedAgain.getByText('This link was already used. Ask for a new one.').waitFor();
    await usedAgain.close();
    await chooseBank(page, 'MX Bank');
    await signIn(page, 'correct');
    await pickFirstAccountAndFinish(page);
    const result = await verified(cli);
    expect(result.member_guid).toMatch(/^MBR-/);
    expect((await cli.done).stderr).toContain('Warning: The link expired after 3 seconds with nothing seen of the customer; here is a new one.');
  });

  it('resume --widget reopens the widget on a challenged member (current_member_guid) and the customer answers there', async () => {
    const configDir = fresh();
    const first = await start([...verify, '--timeout', '4s'], configDir);
    const left = await open(await first.link());
    await chooseBank(left, 'MX Bank');
    await signIn(left, 'challenge');
    await left.getByLabel('What city were you born in?').waitFor();
    // The customer closes the tab without answering; the CLI gives up and says how to go on.
    await left.close();
    const stopped = await first.done;
    expect(stopped.exitCode).toBe(7);
    expect(JSON.parse(stopped.stdout).error.hint).toBe('When the customer can finish, reopen the widget on this member with: mx-iav resume --widget');
    const member = savedState(configDir).member_guid as string;

    const resumed = await start(['resume', '--widget', '--no-input', '--json'], configDir);
    const page = await open(await resumed.link());
    // Straight to the question: no search, no sign-in.
    const answer = page.getByLabel('What city were you born in?');
    await answer.waitFor();
    expect(await page.getByLabel('Search for your bank').count()).toBe(0);
    await answer.fill('correct');
    await page.getByRole('button', { name: 'Continue' }).click();
    await pickFirstAccountAndFinish(page);
    expect((await verified(resumed)).member_guid).toBe(member);
  });
});
