import { describe, expect, it } from 'vitest';
import { browserEnabled, eventsOf, openInFrame } from './sandbox-browser.js';
import { newUser, widgetUrl } from './sandbox-api.js';
import { accountNumbers, onlyMember, parseEvents, pickFirstAccount, search, signIn, widgetSuite } from './sandbox-flow.js';

const suite = widgetSuite();
const MX_BANK = { current_institution_code: 'mxbank', disable_institution_search: true };

describe.runIf(browserEnabled)('the sandbox widget page: MX Bank in headless Chromium', () => {
  it('plain: search, sign in, pick the account; the API sees the member connected with its numbers', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const page = await suite.newPage();
    const frame = await openInFrame(page, suite.hostUrl, await widgetUrl(api, user));
    await search(frame, 'MX Bank', 'MX Bank');
    await signIn(frame, 'mxuser', 'correct');
    await pickFirstAccount(frame);
    await frame.getByText('Your account at MX Bank is verified.').waitFor();
    const member = await onlyMember(api, user);
    expect(member.connection_status).toBe('CONNECTED');
    expect(await accountNumbers(api, user, member.guid)).toHaveLength(1);
    const events = await eventsOf(page);
    const { types, invalid } = parseEvents(events);
    expect(invalid).toEqual([]);
    for (const type of ['mx/connect/loaded', 'mx/connect/selectedInstitution', 'mx/connect/enterCredentials', 'mx/connect/memberStatusUpdate', 'mx/connect/submitMFA', 'mx/connect/memberConnected']) {
      expect(types).toContain(type);
    }
    expect(events.find((e) => e.type === 'mx/connect/loaded')?.metadata).toMatchObject({ initial_step: 'search', user_guid: user });
    expect(events.find((e) => e.type === 'mx/connect/memberConnected')?.metadata).toMatchObject({ member_guid: member.guid, user_guid: user });
    // CONNECTED is status 6 in MX's widget numbering.
    expect(events.filter((e) => e.type === 'mx/connect/memberStatusUpdate').at(-1)?.metadata).toMatchObject({ member_guid: member.guid, connection_status: 6 });
    await page.close();
  });

  const MFA = [
    { password: 'challenge', type: 'TEXT', answer: (frame: Frame) => frame.getByLabel('What city were you born in?').fill('correct') },
    { password: 'token', type: 'TOKEN', answer: (frame: Frame) => frame.getByLabel('Enter the code we sent to your phone').fill('correct') },
    { password: 'image', type: 'IMAGE_DATA', answer: (frame: Frame) => frame.getByLabel('What do you see in this image?').fill('correct') },
    { password: 'options', type: 'OPTIONS', answer: (frame: Frame) => frame.getByRole('radio', { name: 'correct', exact: true }).check() },
    { password: 'image_options', type: 'IMAGE_OPTIONS', answer: (frame: Frame) => frame.getByRole('radio', { name: 'correct', exact: true }).check() },
  ];
  type Frame = Awaited<ReturnType<typeof openInFrame>>;
  for (const mfa of MFA) {
    it(`MFA ${mfa.type} (password ${mfa.password}): the customer answers in the page and the account is verified`, async () => {
      const { api } = suite;
      const user = await newUser(api);
      const page = await suite.newPage();
      const frame = await openInFrame(page, suite.hostUrl, await widgetUrl(api, user, MX_BANK));
      await signIn(frame, 'mxuser_one_account', mfa.password);
      await mfa.answer(frame);
      if (mfa.type.startsWith('IMAGE')) expect(await frame.locator('img').count()).toBeGreaterThan(0);
      await frame.getByRole('button', { name: 'Continue' }).click();
      await frame.getByText('Your account at MX Bank is verified.').waitFor();
      const member = await onlyMember(api, user);
      expect(await accountNumbers(api, user, member.guid)).toHaveLength(1);
      expect(parseEvents(await eventsOf(page)).types).toContain('mx/connect/submitMFA');
      await page.close();
    });
  }

  it('a wrong password, then the right one: MX\'s wording, a retry, and the same member connects', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const page = await suite.newPage();
    const frame = await openInFrame(page, suite.hostUrl, await widgetUrl(api, user, MX_BANK));
    await signIn(frame, 'mxuser_one_account', 'INVALID');
    await frame.getByText('The credentials entered do not match those at MX Bank. Please correct them below to continue.').waitFor();
    expect((await onlyMember(api, user)).connection_status).toBe('DENIED');
    await signIn(frame, 'mxuser_one_account', 'correct', 'Try again');
    await frame.getByText('Your account at MX Bank is verified.').waitFor();
    const member = await onlyMember(api, user);
    expect(member.connection_status).toBe('CONNECTED');
    const events = await eventsOf(page);
    // memberError is in MX's widget docs but not in widget-post-message-definitions 1.4.0, which refuses it.
    expect(events.find((e) => e.type === 'mx/connect/memberError')?.metadata).toMatchObject({ member: { guid: member.guid, connection_status: 2 } });
    expect(parseEvents(events.filter((e) => e.type !== 'mx/connect/memberError')).invalid).toEqual([]);
    await page.close();
  });

  it('an account with no checking or savings account: MX\'s invalidData code 1000', async () => {
    const { api } = suite;
    const user = await newUser(api);
    const page = await suite.newPage();
    const frame = await openInFrame(page, suite.hostUrl, await widgetUrl(api, user, MX_BANK));
    await signIn(frame, 'mxuser_no_dda', 'correct');
    await frame.getByText('No eligible accounts').waitFor();
    const member = await onlyMember(api, user);
    const invalid = (await eventsOf(page)).find((e) => e.type === 'mx/connect/invalidData');
    expect(invalid?.metadata).toMatchObject({ member_guid: member.guid, code: 1000 });
    expect(parseEvents(invalid ? [invalid] : []).types).toEqual(['mx/connect/invalidData']);
    await page.close();
  });
});
