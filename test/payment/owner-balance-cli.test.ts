import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { hasStackTrace, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { pressOnBankPage, startCli } from '../oauth/helpers.js';

// `verify --owner --balance` and `account-numbers --owner --balance` through the built binary against the sandbox
// (the built-in one, or one of the test's own for OAuth): what a payment needs, per verified account.

const root = tempDir();
let runs = 0;
const fresh = () => join(root, `run-${(runs += 1)}`);
const mxBank = (login: string, password = 'correct') => ({ MX_IAV_CREDENTIAL_LOGIN: login, MX_IAV_CREDENTIAL_PASSWORD: password });
const verifyArgs = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'];

function onlyJson(stdout: string) {
  expect(stdout.trim().startsWith('{')).toBe(true);
  return JSON.parse(stdout);
}

describe.each(['v20250224', 'v20111101'])('owner and balance at MX Bank (%s)', (version) => {
  it('verify --owner --balance --json: one payment check with owner, address and available balance with its time', async () => {
    const result = await runCli([...verifyArgs, '--owner', '--balance', '--api-version', version], { configDir: fresh(), env: mxBank('mxuser') });
    expect(result.stderr).not.toMatch(/Unexpected/);
    expect(result.exitCode).toBe(0);
    const document = onlyJson(result.stdout);
    expect(document.status).toBe('verified');
    expect(document.account_numbers).toHaveLength(1);
    expect(document.payment_checks).toHaveLength(1);
    const [check] = document.payment_checks;
    expect(check.account_guid).toBe(document.account_numbers[0].account_guid);
    expect(check.account_number).toMatch(/^•+\d{4}$/);
    expect(check.routing_number).toMatch(/^\d{9}$/);
    expect(check.routing_number_checksum_valid).toBe(true);
    expect(check.passed_validation).toBe(true);
    expect(check.owners).toEqual([
      {
        name: 'Josh Smith', first_name: null, last_name: null, email: 'example@example.com', phone: '555-555-5555',
        address: { street: '3541 Adrian Street', city: 'Middlesex', state: 'VA', postal_code: '00000-0000', country: 'US' },
      },
    ]);
    expect(check.available_balance).toBe(1250.37);
    expect(check.balance).toBe(1250.37);
    expect(check.currency_code).toBe('USD');
    expect(check.balance_updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});

describe('owner and balance', () => {
  it('the table shows the payment check with the owner and the balance; numbers masked', async () => {
    const args = ['verify', '--no-input', '--institution', 'mxbank', '--owner', '--balance'];
    const result = await runCli(args, { configDir: fresh(), env: mxBank('mxuser_one_account') });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Payment check: Checking');
    expect(result.stdout).toMatch(/Routing number\s+\d{9} \(ABA checksum valid\)/);
    expect(result.stdout).toMatch(/Owner\s+Josh Smith, 3541 Adrian Street, Middlesex VA 00000-0000 US/);
    expect(result.stdout).toMatch(/Available\s+980\.15 USD as of \d{4}-/);
    expect(result.stdout).toMatch(/Account number\s+•+\d{4}\n/);
  });

  it('--expect-owner with another name exits 5 with one sentence naming who MX found', async () => {
    const args = [...verifyArgs, '--expect-owner', 'Josh Smith'];
    const result = await runCli(args, { configDir: fresh(), env: mxBank('mxuser_other_owner') });
    expect(result.exitCode).toBe(5);
    expect(onlyJson(result.stdout).error).toMatchObject({
      code: 'owner_mismatch',
      message: 'No owner of the verified account matches "Josh Smith": MX Bank found "Jordan Rivers".',
    });
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('--expect-owner matching ignores case and spacing, and passes', async () => {
    const result = await runCli([...verifyArgs, '--expect-owner', '  josh   SMITH '], { configDir: fresh(), env: mxBank('mxuser') });
    expect(result.exitCode).toBe(0);
    expect(onlyJson(result.stdout).payment_checks[0].owner_matches).toBe(true);
  });

  it('a challenged login is challenged again by identification and the balance check, and answered', async () => {
    // Without --json, so that the progress on stderr shows each answer; v20111101 identifies by a job of its own.
    const answers = ['--answer', 'correct', '--answer', 'correct', '--answer', 'correct'];
    const args = ['verify', '--no-input', '--institution', 'mxbank', '--owner', '--balance', '--api-version', 'v20111101', ...answers];
    const result = await runCli(args, { configDir: fresh(), env: mxBank('mxuser_one_account', 'challenge') });
    expect(result.exitCode).toBe(0);
    expect(result.stderr.match(/Answer sent/g)).toHaveLength(3);
    expect(result.stderr).toContain('Identifying the account owners');
    expect(result.stderr).toContain('Checking the balances');
    expect(result.stdout).toMatch(/Owner\s+Josh Smith/);
  });

  it('account-numbers --owner --balance for an already verified member; resume prints the check it was asked for', async () => {
    const configDir = fresh();
    const verified = await runCli([...verifyArgs], { configDir, env: mxBank('mxuser') });
    expect(verified.exitCode).toBe(0);
    expect(onlyJson(verified.stdout).payment_checks).toBeUndefined();
    const numbers = await runCli(['account-numbers', '--json', '--owner', '--balance', '--reveal'], { configDir });
    expect(numbers.exitCode).toBe(0);
    const document = onlyJson(numbers.stdout);
    expect(document.payment_checks).toHaveLength(1);
    expect(document.payment_checks[0]).toMatchObject({ account_number_masked: false, available_balance: 1250.37, owners: [{ name: 'Josh Smith' }] });
    expect(document.payment_checks[0].account_number).toMatch(/^\d{4,17}$/);

    const asked = await runCli([...verifyArgs, '--balance'], { configDir, env: mxBank('mxuser') });
    expect(onlyJson(asked.stdout).payment_checks[0].owners).toBeNull();
    const resumed = await runCli(['resume', '--no-input', '--json'], { configDir });
    expect(resumed.exitCode).toBe(0);
    expect(onlyJson(resumed.stdout).payment_checks[0]).toMatchObject({ owners: null, available_balance: 1250.37 });
  });

  it('account-numbers --member for a member other than the saved one leaves the saved state alone', async () => {
    const configDir = fresh();
    // A challenged login, so that the identification's statuses (CHALLENGED, RESUMED) would show in a saved history.
    const first = onlyJson((await runCli([...verifyArgs, '--answer', 'correct'], { configDir, env: mxBank('mxuser_one_account', 'challenge') })).stdout);
    await runCli([...verifyArgs, '--new'], { configDir, env: mxBank('mxuser') });
    const profile = () => readFileSync(join(configDir, 'profiles', 'default.json'), 'utf8');
    const before = profile();
    const args = ['account-numbers', '--json', '--owner', '--balance', '--answer', 'correct', '--answer', 'correct', '--user', first.user_guid, '--member', first.member_guid];
    const result = await runCli(args, { configDir });
    expect(result.exitCode).toBe(0);
    expect(onlyJson(result.stdout).payment_checks[0]).toMatchObject({ owners: [{ name: 'Josh Smith' }], available_balance: 980.15 });
    expect(profile()).toBe(before);
  });

  it('a scenario run takes --owner --balance and --expect-owner too', async () => {
    const configDir = fresh();
    const run = await runCli(['verify', '--no-input', '--json', '--scenario', 'happy', '--owner', '--balance'], { configDir });
    expect(run.exitCode).toBe(0);
    const document = onlyJson(run.stdout);
    expect(document).toMatchObject({ scenario: 'happy', outcome: 'CONNECTED' });
    expect(document.payment_checks[0]).toMatchObject({ owners: [{ name: 'Josh Smith' }], available_balance: 1250.37 });
    const mismatch = await runCli(['verify', '--no-input', '--json', '--scenario', 'happy', '--expect-owner', 'Mary Smith'], { configDir });
    expect(mismatch.exitCode).toBe(5);
    expect(onlyJson(mismatch.stdout).error.code).toBe('owner_mismatch');
  });

  it('at mxcu_oauth (OAuth, approved on the bank page): two owners, Mary Smith with her address', async () => {
    const sandbox = await createSandbox({ port: 0, jobMs: 0 });
    try {
      const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
      const cli = startCli(['verify', '--no-input', '--json', '--institution', 'mxcu_oauth', '--select-account', 'first', '--owner', '--balance'], fresh(), env);
      expect(await pressOnBankPage(await cli.link(), 'Approve')).toContain('Access approved.');
      const result = await cli.done;
      expect(result.exitCode).toBe(0);
      const [check] = onlyJson(result.stdout).payment_checks;
      expect(check.owners.map((owner: { name: string }) => owner.name)).toEqual(['John Smith', 'Mary Smith']);
      expect(check.owners[1]).toMatchObject({ email: 'mary.smith@example.com', address: { street: '123 Easy St', city: 'Schenectady', state: 'NY', postal_code: '12345' } });
      expect(check.available_balance).toBe(1250.37);
    } finally {
      await sandbox.close();
    }
  });
});
