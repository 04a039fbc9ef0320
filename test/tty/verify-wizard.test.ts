import { describe, expect, it } from 'vitest';
import { KEYS, startPty } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
let count = 0;
const fresh = () => `${root}/t${(count += 1)}`;

/** Types the way a person does: search, pick MX Bank, then the login. */
async function reachCredentials(session: ReturnType<typeof startPty>, password: string) {
  await session.waitFor('Search for your bank');
  session.type(`MX Bank${KEYS.enter}`);
  await session.waitFor('Choose your bank');
  await session.waitFor('MX Bank (mxbank)');
  session.type(KEYS.enter);
  await session.waitFor('Username');
  session.type(`mxuser${KEYS.enter}`);
  await session.waitFor('Password');
  session.type(`${password}${KEYS.enter}`);
}

describe('mx-iav verify in a terminal', () => {
  it('walks from nothing to the account numbers table; the password never shows', async () => {
    const session = startPty(['verify'], fresh());
    await session.waitFor('built-in sandbox');
    await reachCredentials(session, 'hunter2-secret');
    await session.waitFor('Please select an account');
    session.type(KEYS.enter);
    await session.waitFor('Routing number');
    expect(await session.exited()).toBe(0);
    const screen = session.screen();
    expect(screen).not.toContain('hunter2-secret');
    expect(screen).toContain('Waiting for MX Bank');
    expect(screen).toMatch(/•+\d{4}/);
  });

  it('answers a TEXT challenge typed at the prompt', async () => {
    const session = startPty(['verify'], fresh());
    await reachCredentials(session, 'challenge');
    await session.waitFor('What city were you born in?');
    session.type(`correct${KEYS.enter}`);
    await session.waitFor('Please select an account');
    session.type(KEYS.enter);
    await session.waitFor('Routing number');
    expect(await session.exited()).toBe(0);
  });

  it('a DENIED login ends with exit 5 and says how to re-enter the credentials', async () => {
    const session = startPty(['verify'], fresh());
    await reachCredentials(session, 'INVALID');
    expect(await session.exited()).toBe(5);
    expect(session.screen()).toMatch(/mx-iav verify/);
  });

  it('Ctrl-C while waiting keeps the member; resume finishes it', async () => {
    const configDir = fresh();
    const first = startPty(['verify'], configDir, { MX_IAV_SANDBOX_JOB_MS: '5000' });
    await reachCredentials(first, 'password');
    await first.waitFor('Waiting for MX Bank');
    first.type(KEYS.ctrlC);
    expect(await first.exited()).toBe(130);
    expect(first.screen()).toContain('mx-iav resume');

    const second = startPty(['resume'], configDir);
    await second.waitFor('Please select an account');
    second.type(KEYS.enter);
    await second.waitFor('Routing number');
    expect(await second.exited()).toBe(0);
    expect(second.screen()).not.toContain('Search for your bank');
  });
});
