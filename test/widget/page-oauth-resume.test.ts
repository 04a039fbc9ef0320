import { describe, expect, it } from 'vitest';
import { browserEnabled, eventsOf, openInFrame } from './sandbox-browser.js';
import { mxApi, newUser, widgetUrl } from './sandbox-api.js';
import { accountNumbers, onlyMember, parseEvents, pickFirstAccount, search, signIn, widgetSuite } from './sandbox-flow.js';

const suite = widgetSuite();

describe.runIf(browserEnabled)('the sandbox widget page: OAuth, reopening a member, v20111101', () => {
  it('an OAuth bank: the page opens the sandbox bank page, the customer approves, and the account is verified', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const page = await suite.newPage();
    const frame = await openInFrame(page, suite.hostUrl, await widgetUrl(api, user));
    await search(frame, 'oauth', 'MX Bank (OAuth)');
    await frame.getByRole('button', { name: 'Continue' }).click();
    const popup = page.context().waitForEvent('page');
    await frame.getByRole('button', { name: 'Go to MX Bank (OAuth)' }).click();
    const bank = await popup;
    await bank.getByRole('button', { name: 'Approve' }).click();
    await bank.getByText('Access approved.').waitFor();
    await pickFirstAccount(frame);
    await frame.getByText('Your account at MX Bank (OAuth) is verified.').waitFor();
    const member = await onlyMember(api, user);
    expect(member.connection_status).toBe('CONNECTED');
    expect(await accountNumbers(api, user, member.guid)).toHaveLength(1);
    const events = await eventsOf(page);
    expect(parseEvents(events).invalid).toEqual([]);
    const requested = events.find((e) => e.type === 'mx/connect/oauthRequested');
    expect(requested?.metadata).toMatchObject({ member_guid: member.guid });
    expect(String(requested?.metadata.url)).toContain(`${suite.sandbox.url}/oauth/authorize?`);
    await bank.close();
    await page.close();
  });

  it('current_member_guid reopens a challenged member at its challenge, and answering it connects that member', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const fields = (await api('GET', '/institutions/mxbank/credentials')).body.credentials as { guid: string; field_name: string }[];
    const credentials = fields.map((f) => ({ guid: f.guid, value: f.field_name === 'LOGIN' ? 'mxuser_one_account' : 'challenge' }));
    const created = await api('POST', `/users/${user}/members`, { member: { institution_code: 'mxbank', credentials }, data_request: { products: ['account_verification'] } });
    const guid = created.body.member.guid as string;
    expect((await api('GET', `/users/${user}/members/${guid}/status`)).body.member.connection_status).toBe('CHALLENGED');
    const page = await suite.newPage();
    const frame = await openInFrame(page, suite.hostUrl, await widgetUrl(api, user, { current_member_guid: guid, disable_institution_search: true }));
    await frame.getByLabel('What city were you born in?').fill('correct');
    await frame.getByRole('button', { name: 'Continue' }).click();
    await frame.getByText('Your account at MX Bank is verified.').waitFor();
    expect(await onlyMember(api, user)).toMatchObject({ guid, connection_status: 'CONNECTED' });
    const events = await eventsOf(page);
    expect(events[0]).toMatchObject({ type: 'mx/connect/loaded', metadata: { initial_step: 'mfa' } });
    expect(events.find((e) => e.type === 'mx/connect/memberConnected')?.metadata.member_guid).toBe(guid);
    await page.close();
  });

  it('a v20111101 widget URL in verification mode verifies as well, and only IAV-capable institutions are offered', async () => {
    const v11 = mxApi(suite.sandbox, 'v20111101');
    const user = await newUser(v11);
    const answer = await v11('POST', `/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget', mode: 'verification', ui_message_version: 4 } });
    const page = await suite.newPage();
    const frame = await openInFrame(page, suite.hostUrl, answer.body.widget_url.url as string);
    await frame.getByLabel('Search for your bank').fill('harborview');
    await frame.getByRole('button', { name: 'Search' }).click();
    await frame.getByText('No institutions match "harborview".').waitFor();
    await search(frame, 'MX Bank', 'MX Bank');
    await signIn(frame, 'mxuser_one_account', 'correct');
    await frame.getByText('Your account at MX Bank is verified.').waitFor();
    const member = await onlyMember(v11, user);
    expect(await accountNumbers(v11, user, member.guid)).toHaveLength(1);
    await page.close();
  });

  it('aggregation mode (no account_verification asked for): every institution is offered and the member aggregates', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const answer = await api('POST', `/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget', ui_message_version: 4 } });
    const page = await suite.newPage();
    const frame = await openInFrame(page, suite.hostUrl, answer.body.widget_url.url as string);
    await search(frame, 'harborview', 'Harborview Investment Brokerage');
    await signIn(frame, 'mxuser', 'correct');
    await frame.getByText('Your accounts at Harborview Investment Brokerage are connected.').waitFor();
    const member = await onlyMember(api, user);
    expect(member.connection_status).toBe('CONNECTED');
    expect(await accountNumbers(api, user, member.guid)).toEqual([]);
    expect((await eventsOf(page)).find((e) => e.type === 'mx/connect/memberConnected')?.metadata.member_guid).toBe(member.guid);
    await page.close();
  });
});
