import { join } from 'node:path';
import { dispatchConnectPostMessageEvent } from '@mxenabled/widget-post-message-definitions';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { launchBrowser, startHost, type WidgetEvent } from './sandbox-browser.js';
import { mxApi, type MxApi } from './sandbox-api.js';

export interface WidgetSuite {
  sandbox: Sandbox;
  api: MxApi;
  hostUrl: string;
  newPage(options?: { width?: number }): Promise<Page>;
  browser(): Promise<BrowserContext>;
}

/** One sandbox (instant jobs), one integrator host and one Chromium for a test file; the browser starts on first use. */
export function widgetSuite(options: SandboxOptions = {}): WidgetSuite {
  const root = tempDir();
  let launched: Promise<BrowserContext> | undefined;
  let host: Awaited<ReturnType<typeof startHost>> | undefined;
  const suite = {
    browser: () => (launched ??= launchBrowser(join(root, 'profile'))),
    newPage: async ({ width }: { width?: number } = {}) => {
      const page = await (await suite.browser()).newPage();
      if (width !== undefined) await page.setViewportSize({ width, height: 900 });
      return page;
    },
  } as WidgetSuite;
  beforeAll(async () => {
    suite.sandbox = await createSandbox({ port: 0, jobMs: 0, ...options });
    suite.api = mxApi(suite.sandbox);
    host = await startHost();
    suite.hostUrl = host.url;
  });
  afterAll(async () => {
    await (await launched?.catch(() => undefined))?.close();
    await host?.close();
    await suite.sandbox?.close();
  });
  return suite;
}

/** Parses every event as MX's SDKs do; returns the types parsed and what the parser refused. */
export function parseEvents(events: WidgetEvent[]): { types: string[]; invalid: string[] } {
  const types: string[] = [];
  const invalid: string[] = [];
  for (const data of events) {
    const payload = dispatchConnectPostMessageEvent({ data } as MessageEvent, { onInvalidMessageError: (_m, e) => invalid.push(`${data.type}: ${e.message}`) });
    if (payload) types.push(payload.type);
  }
  return { types, invalid };
}

/** The widget as a test drives it: opened in a frame of the integrator's page, or as the page itself. */
type Surface = Pick<FrameLocator, 'getByLabel' | 'getByRole' | 'getByText'>;

export async function search(frame: Surface, query: string, pick: string): Promise<void> {
  await frame.getByLabel('Search for your bank').fill(query);
  await frame.getByRole('button', { name: 'Search' }).click();
  await frame.getByRole('button', { name: pick, exact: true }).click();
}

export async function signIn(frame: Surface, username: string, password: string, button = 'Continue'): Promise<void> {
  await frame.getByLabel('Username').fill(username);
  await frame.getByLabel('Password').fill(password);
  await frame.getByRole('button', { name: button }).click();
}

export async function pickFirstAccount(frame: Surface): Promise<void> {
  await frame.getByText('Please select an account:').waitFor();
  await frame.getByRole('radio').first().check();
  await frame.getByRole('button', { name: 'Continue' }).click();
}

interface ApiMember {
  guid: string;
  connection_status: string;
}

/** The user's only member, as any API client reads it. */
export async function onlyMember(api: MxApi, user: string): Promise<ApiMember> {
  const members = (await api('GET', `/users/${user}/members`)).body.members as ApiMember[];
  expect(members).toHaveLength(1);
  return members[0] ?? { guid: '', connection_status: '' };
}

export async function accountNumbers(api: MxApi, user: string, member: string): Promise<unknown[]> {
  return (await api('GET', `/users/${user}/members/${member}/account_numbers`)).body.account_numbers as unknown[];
}
