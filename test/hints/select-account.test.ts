import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { accountName, matchAccount } from '../../src/ui/account-choice.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// The built-in sandbox labels its two accounts as MX does, with a masked number: "Checking ••9805", "Savings ••4725".
const verify = ['verify', '--no-input', '--json', '--institution', 'mxbank'];
const env = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' };

describe('--select-account through the binary', () => {
  it('picks an account by the name part of its label, in any case', async () => {
    const run = await runCli([...verify, '--select-account', 'savings'], { configDir: tempDir(), env });
    expect(run.exitCode).toBe(0);
    const accounts = JSON.parse(run.stdout).account_numbers as { account_name: string }[];
    expect(accounts.map((account) => account.account_name)).toEqual(['Savings']);
  });

  it('stops with a usage error (exit 2) naming the accounts on offer when nothing matches', async () => {
    const run = await runCli([...verify, '--select-account', 'Brokerage'], { configDir: tempDir(), env });
    expect(run.exitCode).toBe(2);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string; hint: string } };
    expect(error.code).toBe('usage');
    expect(error.message).toMatch(/^--select-account Brokerage matches none of the accounts MX offers: "Checking ••\d{4}", "Savings ••\d{4}"\.$/);
    expect(error.hint).toBe('Pass an account\'s name (e.g. Savings), its whole label or value, or "first".');
  });
});

describe('matchAccount', () => {
  const options = [
    { label: 'Checking ••9805', value: 'ACT-1' },
    { label: 'Savings ••4725', value: 'ACT-2' },
    { label: 'Savings (****1111)', value: 'ACT-3' },
  ];
  it.each([
    ['first', 'ACT-1'],
    ['ACT-2', 'ACT-2'],
    ['checking ••9805', 'ACT-1'],
    ['CHECKING', 'ACT-1'],
  ])('%s → %s', (wanted, value) => {
    expect(matchAccount(options, wanted).value).toBe(value);
  });
  it('refuses a name two accounts share, listing both', () => {
    expect(() => matchAccount(options, 'savings')).toThrowError(
      new UsageError('--select-account savings matches 2 accounts: "Savings ••4725", "Savings (****1111)".', 'Pass the whole label or the value of the one to verify.'),
    );
  });
  it.each([
    ['Savings ••4725', 'Savings'],
    ['Savings (x4725)', 'Savings'],
    ['Box 1234', 'Box 1234'],
    ['Checking', 'Checking'],
  ])('the name of %s is %s', (label, name) => {
    expect(accountName(label)).toBe(name);
  });
});
