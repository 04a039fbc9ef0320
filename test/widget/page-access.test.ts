import { dispatchConnectLocationChangeEvent } from '@mxenabled/widget-post-message-definitions';
import { describe, expect, it } from 'vitest';
import { browserEnabled, openInFrame } from './sandbox-browser.js';
import { newUser, widgetUrl } from './sandbox-api.js';
import { accountNumbers, onlyMember, pickFirstAccount, search, signIn, widgetSuite } from './sandbox-flow.js';

const suite = widgetSuite();

describe.runIf(browserEnabled)('the sandbox widget page: keyboard, narrow screens, WebViews, MX\'s web SDK', () => {
  it('the whole flow by keyboard alone: typing, Tab, Space and Enter', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const page = await suite.newPage();
    const frame = await openInFrame(page, suite.hostUrl, await widgetUrl(api, user));
    const search = frame.getByLabel('Search for your bank');
    await search.waitFor();
    // The page puts focus on its first field itself; from here on only keys are pressed.
    await expect.poll(() => search.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const keys = page.keyboard;
    await keys.type('MX Bank');
    await keys.press('Enter');
    await frame.getByRole('button', { name: 'MX Bank', exact: true }).waitFor();
    await keys.press('Tab'); // Search
    await keys.press('Tab'); // MX Bank, the first result
    await keys.press('Enter');
    await frame.getByLabel('Username').waitFor();
    await keys.type('mxuser');
    await keys.press('Tab');
    await keys.type('correct');
    await keys.press('Enter');
    await frame.getByText('Please select an account:').waitFor();
    await keys.press('Space'); // the first account's radio has focus
    await keys.press('Enter');
    await frame.getByText('Your account at MX Bank is verified.').waitFor();
    expect((await onlyMember(api, user)).connection_status).toBe('CONNECTED');
    await page.close();
  });

  it('at 320 px wide nothing scrolls sideways and the flow completes', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const page = await suite.newPage({ width: 320 });
    await page.goto(await widgetUrl(api, user));
    const fits = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= 320');
    await search(page, 'MX Bank', 'MX Bank');
    expect(await fits()).toBe(true);
    await signIn(page, 'mxuser', 'correct');
    await pickFirstAccount(page);
    expect(await fits()).toBe(true);
    await page.getByText('Your account at MX Bank is verified.').waitFor();
    expect(await fits()).toBe(true);
    await page.close();
  });

  it('in a WebView (is_mobile_webview, ui_message_webview_url_scheme) the events are navigations MX\'s parser reads', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const page = await suite.newPage();
    // The scheme is http only so that Chromium sends each navigation where the test can answer it with 204
    // (which leaves the page where it is), as a WebView's native side would intercept <scheme>://.
    const urls: string[] = [];
    await page.route('http://connect/**', async (route) => {
      urls.push(route.request().url());
      await route.fulfill({ status: 204 });
    });
    await page.goto(await widgetUrl(api, user, { is_mobile_webview: true, ui_message_webview_url_scheme: 'http', current_institution_code: 'mxbank' }));
    // Keys and evaluate, not locators: Playwright's locators wait for a navigation to commit, and one answered 204
    // never does. The page focuses its first field itself.
    const focused = () => page.evaluate<string | null>('document.activeElement?.labels?.[0]?.textContent ?? null');
    await expect.poll(focused).toBe('Username');
    await page.keyboard.type('mxuser_one_account');
    await page.keyboard.press('Tab');
    await page.keyboard.type('correct');
    await page.keyboard.press('Enter');
    await expect.poll(() => urls.some((u) => u.startsWith('http://connect/memberConnected?metadata='))).toBe(true);
    expect(await page.evaluate<string>('document.body.innerText')).toContain('Your account at MX Bank is verified.');
    const member = await onlyMember(api, user);
    const connected: unknown[] = [];
    const invalid: string[] = [];
    for (const url of urls) {
      dispatchConnectLocationChangeEvent(url, { onMemberConnected: (p) => connected.push(p), onInvalidMessageError: (_m, e) => invalid.push(e.message) });
    }
    expect(invalid).toEqual([]);
    expect(urls[0]).toMatch(/^http:\/\/connect\/loaded\?metadata=/);
    expect(connected).toEqual([expect.objectContaining({ member_guid: member.guid, user_guid: user })]);
    await page.close();
  });

  it("MX's web-widget-sdk, unchanged, embeds a sandbox widget URL and its onMemberConnected gets the sandbox's member guid", async () => {
    const { api } = suite;
    const user = await newUser(api);
    const page = await suite.newPage();
    const url = await widgetUrl(api, user, { current_institution_code: 'mxbank' });
    await page.goto(`${suite.hostUrl}/sdk?url=${encodeURIComponent(url)}`);
    const frame = page.frameLocator('iframe');
    await signIn(frame, 'mxuser', 'correct');
    await pickFirstAccount(frame);
    await frame.getByText('Your account at MX Bank is verified.').waitFor();
    const member = await onlyMember(api, user);
    expect(await accountNumbers(api, user, member.guid)).toHaveLength(1);
    const seen = () => page.evaluate(() => (globalThis as unknown as { connected: { member_guid: string }[] }).connected.map((p) => p.member_guid));
    await expect.poll(seen).toEqual([member.guid]);
    expect(await page.evaluate(() => (globalThis as unknown as { invalid: string[] }).invalid)).toEqual([]);
    await page.close();
  });
});
