#!/usr/bin/env node
// Makes docs/widget-page.png for the README: the sandbox's widget page at a phone's width, on MX Bank's sign-in
// view after a search. Not a test (it only makes the picture): `node test/widget/sandbox-screenshot.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mx-iav-shot-'));
try {
  const outfile = join(work, 'sandbox.mjs');
  await build({ absWorkingDir: root, entryPoints: ['src/sandbox/index.ts'], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
  const { createSandbox } = await import(outfile);
  const sandbox = await createSandbox({ port: 0, jobMs: 0 });
  const authorization = `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.apiKey}`).toString('base64')}`;
  const post = async (path, body) => {
    const headers = { authorization, accept: 'application/json', 'accept-version': 'v20250224', 'content-type': 'application/json' };
    return (await fetch(sandbox.url + path, { method: 'POST', headers, body: JSON.stringify(body) })).json();
  };
  const { user } = await post('/users', { user: { id: 'screenshot' } });
  const body = { widget_url: { widget_type: 'connect_widget', data_request: { products: ['account_verification'] }, ui_message_version: 4 } };
  const { widget_url: widgetUrl } = await post(`/users/${user.guid}/widget_urls`, body);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 380, height: 330 }, deviceScaleFactor: 2 });
  await page.goto(widgetUrl.url);
  await page.getByLabel('Search for your bank').fill('MX Bank');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'MX Bank', exact: true }).click();
  await page.getByLabel('Username').fill('mxuser');
  await page.screenshot({ path: join(root, 'docs', 'widget-page.png') });
  await browser.close();
  await sandbox.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
