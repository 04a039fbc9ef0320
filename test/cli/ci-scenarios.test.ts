import { describe, expect, it } from 'vitest';
import { MX_BANK_ERROR_PASSWORDS } from '../helpers/mx-bank.js';
import { hasStackTrace, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
let runs = 0;
const verify = (password: string, extra: string[] = [], login = 'mxuser') =>
  runCli(['verify', '--no-input', '--json', '--institution', 'mxbank', ...extra], {
    configDir: `${root}/run-${(runs += 1)}`,
    env: { MX_IAV_CREDENTIAL_LOGIN: login, MX_IAV_CREDENTIAL_PASSWORD: password },
  });

function parseOnlyJson(stdout: string) {
  expect(stdout.trim().startsWith('{')).toBe(true);
  return JSON.parse(stdout);
}

describe('verify --no-input --json, one scenario per MX Bank password', () => {
  it('connects with any unlisted password and prints masked account numbers', async () => {
    const result = await verify('password', ['--select-account', 'first']);
    expect(result.exitCode).toBe(0);
    const document = parseOnlyJson(result.stdout);
    expect(document.status).toBe('verified');
    expect(document.connection_status).toBe('CONNECTED');
    expect(document.member_guid).toMatch(/^MBR-/);
    expect(document.account_numbers).toHaveLength(1);
    const [row] = document.account_numbers;
    expect(row.routing_number).toMatch(/^\d{9}$/);
    expect(row.routing_number_checksum_valid).toBe(true);
    expect(row.passed_validation).toBe(true);
    expect(row.account_number).toMatch(/^•+\d{4}$/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('shows whole account numbers with --reveal', async () => {
    const result = await verify('password', ['--select-account', 'first', '--reveal']);
    expect(result.exitCode).toBe(0);
    expect(parseOnlyJson(result.stdout).account_numbers[0].account_number).toMatch(/^\d{4,17}$/);
  });

  it.each(['challenge', 'options', 'token', 'image', 'image_options'])('answers the %s challenge with --answer', async (password) => {
    const result = await verify(password, ['--answer', 'correct', '--select-account', 'first']);
    expect(result.stderr).not.toMatch(/Unexpected/);
    expect(result.exitCode).toBe(0);
    expect(parseOnlyJson(result.stdout).status).toBe('verified');
  });

  it.each(MX_BANK_ERROR_PASSWORDS)('password %s ends %s with exit 5 and one sentence', async (password, status) => {
    const result = await verify(password, ['--select-account', 'first']);
    expect(result.exitCode).toBe(5);
    const { error } = parseOnlyJson(result.stdout);
    expect(error.code).toBe('verification_failed');
    expect(error.message).toMatch(/\.$/);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.status).toBe(status);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('a wrong challenge answer ends REJECTED (exit 5)', async () => {
    const result = await verify('challenge', ['--answer', 'wrong', '--select-account', 'first']);
    expect(result.exitCode).toBe(5);
    expect(parseOnlyJson(result.stdout).error.message).toMatch(/answer|challenge/i);
  });

  it('says plainly when no account is eligible', async () => {
    const result = await verify('password', ['--select-account', 'first'], 'mxuser_no_dda');
    expect(result.exitCode).toBe(5);
    const { error } = parseOnlyJson(result.stdout);
    expect(error.code).toBe('no_eligible_accounts');
    expect(error.message).toMatch(/none of its accounts is eligible/);
  });
});

describe('missing answers under --no-input exit 6 naming the flag and the variable', () => {
  it('names the credential flag and variable', async () => {
    const result = await runCli(['verify', '--no-input', '--json', '--institution', 'mxbank'], {
      configDir: `${root}/missing-credential`,
      env: { MX_IAV_CREDENTIAL_LOGIN: 'mxuser' },
    });
    expect(result.exitCode).toBe(6);
    const { error } = parseOnlyJson(result.stdout);
    expect(error.message).toContain('--credential PASSWORD=');
    expect(error.message).toContain('MX_IAV_CREDENTIAL_PASSWORD');
  });

  it('names --institution when no institution is given', async () => {
    const result = await runCli(['verify', '--no-input'], { configDir: `${root}/missing-institution` });
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toContain('--institution');
    expect(result.stderr).toContain('MX_IAV_INSTITUTION');
    expect(result.stdout).toBe('');
  });

  it('names --select-account at the account-selection challenge, and keeps the member for resume', async () => {
    const configDir = `${root}/missing-selection`;
    const env = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' };
    const first = await runCli(['verify', '--no-input', '--institution', 'mxbank'], { configDir, env });
    expect(first.exitCode).toBe(6);
    expect(first.stderr).toContain('--select-account');
    const second = await runCli(['resume', '--no-input', '--json', '--select-account', 'first'], { configDir });
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(second.stdout).account_numbers).toHaveLength(1);
  });
});
