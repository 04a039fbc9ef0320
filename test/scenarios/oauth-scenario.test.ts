import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { pressOnBankPage, startCli } from '../oauth/helpers.js';

// The test plays the user's browser: it takes the sign-in link from stderr and presses a button on the bank page.
const root = tempDir();

describe('verify --scenario oauth (built-in sandbox)', () => {
  it('passes when the bank page is approved', async () => {
    const cli = startCli(['verify', '--no-input', '--json', '--scenario', 'oauth'], `${root}/approve`);
    expect(await pressOnBankPage(await cli.link(), 'Approve')).toContain('Access approved.');
    const result = await cli.done;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scenario: 'oauth', expected: 'CONNECTED', outcome: 'CONNECTED', institution: { code: 'mx_bank_oauth' } });
  });

  it('fails with "expected CONNECTED, got DENIED" when access is denied, and passes with --expect DENIED', async () => {
    const denied = startCli(['verify', '--no-input', '--scenario', 'oauth'], `${root}/deny`);
    await pressOnBankPage(await denied.link(), 'Deny');
    const failed = await denied.done;
    expect(failed.exitCode).toBe(5);
    expect(failed.stderr).toMatch(/✖ Scenario oauth: expected CONNECTED, got DENIED: Access was denied at MX Bank \(OAuth\)/);

    const expected = startCli(['verify', '--no-input', '--scenario', 'oauth', '--expect', 'DENIED'], `${root}/deny`);
    await pressOnBankPage(await expected.link(), 'Deny');
    const passed = await expected.done;
    expect(passed.exitCode).toBe(0);
    expect(passed.stdout).toMatch(/^✔ Scenario oauth ended DENIED, as expected/);
  });
});
