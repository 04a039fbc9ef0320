import { describe, expect, it } from 'vitest';
import { KEYS, startPty, type PtySession } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';
import { freshAccount, ROUTING } from './helpers.js';

// In a real pseudo-terminal against the built-in sandbox, its deposits arriving 500 ms after the create.
const root = tempDir();
let dirs = 0;
const fresh = () => `${root}/t${(dirs += 1)}`;
const DELAY = { MX_IAV_SANDBOX_MICRO_DEPOSIT_DELAY_MS: '500' };

async function answer(session: PtySession, prompt: string, keys: string) {
  await session.waitFor(prompt);
  session.mark();
  session.type(keys);
}

/** The account details as a customer types them; a mistyped routing number is caught as it is typed. */
async function typeAccount(session: PtySession, account: string) {
  await answer(session, 'Account number:', `${account}${KEYS.enter}`);
  await answer(session, 'Routing number (9 digits):', `091000018${KEYS.enter}`);
  await session.waitFor('not a valid ABA routing number');
  session.type(`${'\u007f'.repeat(9)}${ROUTING}${KEYS.enter}`);
  await answer(session, 'Account type:', KEYS.enter);
  await answer(session, "Account holder's first name:", `Jo${KEYS.enter}`);
  await answer(session, "Account holder's last name:", `Doe${KEYS.enter}`);
  await answer(session, "Account holder's email:", `jo@example.com${KEYS.enter}`);
}

async function typeAmounts(session: PtySession, first: string, second: string) {
  await answer(session, 'First deposit amount:', `${first}${KEYS.enter}`);
  await answer(session, 'Second deposit amount:', `${second}${KEYS.enter}`);
}

describe('micro-deposits in a terminal', () => {
  it('a bank without instant verification: the offer, the account, the wait, the amounts, VERIFIED', async () => {
    const account = freshAccount();
    const session = startPty(['verify', '--institution', 'harborview_brokerage'], fresh(), DELAY);
    await session.waitFor('does not support instant account verification');
    await answer(session, 'Verify with micro-deposits instead?', KEYS.enter);
    await typeAccount(session, account);
    await session.waitFor('3 attempts left');
    await answer(session, 'First deposit amount:', `1.50${KEYS.enter}`);
    await session.waitFor('from 0.01 to 0.99');
    session.type(`${'\u007f'.repeat(4)}0.15${KEYS.enter}`);
    await answer(session, 'Second deposit amount:', `0.12${KEYS.enter}`);
    expect(await session.exited()).toBe(0);
    const screen = session.screen();
    expect(screen).toContain('Verified with micro-deposits');
    expect(screen).toContain(`Account ••••${account.slice(-4)}, routing ${ROUTING}, checking`);
    expect(screen).not.toContain(`Account ${account}`);
  });

  it('"My bank is not listed" leads to micro-deposits; three wrong pairs end PREVENTED, exit 5', async () => {
    const session = startPty(['verify'], fresh(), DELAY);
    await answer(session, 'Search for your bank', `MX Bank${KEYS.enter}`);
    await session.waitFor('My bank is not listed');
    session.type(`${KEYS.up}${KEYS.enter}`);
    await answer(session, 'Verify with micro-deposits instead?', KEYS.enter);
    await typeAccount(session, freshAccount());
    await typeAmounts(session, '0.01', '0.02');
    await session.waitFor('2 of 3 attempts left');
    await typeAmounts(session, '0.03', '0.04');
    await session.waitFor('1 of 3 attempts left');
    await typeAmounts(session, '0.05', '0.06');
    expect(await session.exited()).toBe(5);
    expect(session.screen()).toContain('PREVENTED: Blocked after three wrong pairs of amounts.');
  });
});
