import { join } from 'node:path';
import { dispatchConnectPostMessageEvent } from '@mxenabled/widget-post-message-definitions';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { browserEnabled, eventsOf, launchBrowser, openInFrame, startHost, type WidgetEvent } from './browser.js';
import { mxApi, type MxApi, newUser, widgetUrl } from './helpers.js';

const root = tempDir();
let sandbox: Sandbox;
let api: MxApi;
let host: Awaited<ReturnType<typeof startHost>>;
let launched: Promise<BrowserContext> | undefined;
const browser = () => (launched ??= launchBrowser(join(root, 'profile')));

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0 });
  api = mxApi(sandbox);
  host = await startHost();
});
afterAll(async () => {
  await (await launched?.catch(() => undefined))?.close();
  await host?.close();
  await sandbox?.close();
});

/** Parses every event as MX's SDKs do; returns the types parsed and the errors the parser raised. */
function parse(events: WidgetEvent[]): { types: string[]; invalid: string[] } {
  const types: string[] = [];
  const invalid: string[] = [];
  for (const data of events) {
    const payload = dispatchConnectPostMessageEvent({ data } as MessageEvent, { onInvalidMessageError: (_m, e) => invalid.push(`${data.type}: ${e.message}`) });
    if (payload) types.push(payload.type);
  }
  return { types, invalid };
}

async function signIn(frame: FrameLocator, username: string, password: string, button = 'Continue'): Promise<void> {
  await frame.getByLabel('Username').fill(username);
  await frame.getByLabel('Password').fill(password);
  await frame.getByRole('button', { name: button }).click();
}

async function pickFirstAccount(frame: FrameLocator): Promise<void> {
  await frame.getByText('Please select an account:').waitFor();
  await frame.getByRole('radio').first().check();
  await frame.getByRole('button', { name: 'Continue' }).click();
}

async function memberOf(user: string) {
  const members = (await api('GET', `/users/${user}/members`)).body.members as { guid: string; connection_status: string }[];
  expect(members).toHaveLength(1);
  return members[0] ?? { guid: '', connection_status: '' };
}

async function numbersOf(user: string, member: string): Promise<unknown[]> {
  return (await api('GET', `/users/${user}/members/${member}/account_numbers`)).body.account_numbers as unknown[];
}

async function newPage(): Promise<Page> {
  return (await browser()).newPage();
}

describe.runIf(browserEnabled)('the sandbox widget page in headless Chromium', () => {
  it('MX Bank, plain: search, sign in, pick the account; the API sees the member connected with its numbers', async () => {
    const user = await newUser(api);
    const page = await newPage();
    const frame = await openInFrame(page, host.url, await widgetUrl(api, user));
    await frame.getByLabel('Search for your bank').fill('MX Bank');
    await frame.getByRole('button', { name: 'Search' }).click();
    await frame.getByRole('button', { name: 'MX Bank', exact: true }).click();
    await signIn(frame, 'mxuser', 'correct');
    await pickFirstAccount(frame);
    await frame.getByText('Your account at MX Bank is verified.').waitFor();
    const member = await memberOf(user);
    expect(member.connection_status).toBe('CONNECTED');
    expect(await numbersOf(user, member.guid)).toHaveLength(1);
    const events = await eventsOf(page);
    const { types, invalid } = parse(events);
    expect(invalid).toEqual([]);
    for (const type of ['mx/connect/loaded', 'mx/connect/selectedInstitution', 'mx/connect/enterCredentials', 'mx/connect/memberStatusUpdate', 'mx/connect/submitMFA', 'mx/connect/memberConnected']) {
      expect(types).toContain(type);
    }
    const connected = events.find((e) => e.type === 'mx/connect/memberConnected');
    expect(connected?.metadata).toMatchObject({ member_guid: member.guid, user_guid: user });
    await page.close();
  });
});
