import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// MX's guide, one step per process, sharing one config directory: each command picks up what the last one saved.
describe('the guide as separate commands', () => {
  const configDir = tempDir();
  const env = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' };
  const step = (args: string[]) => runCli([...args, '--no-input', '--json'], { configDir, env });
  let memberGuid = '';

  it('create-user saves the user', async () => {
    const result = await step(['create-user', '--id', 'partner-2345', '--email', 'totally.fake.email@notreal.com']);
    expect(result.exitCode).toBe(0);
    const { user } = JSON.parse(result.stdout);
    expect(user.guid).toMatch(/^USR-/);
    expect(user.id).toBe('partner-2345');
  });

  it('search-institution lists MX Bank among the verification-capable results', async () => {
    const result = await step(['search-institution', 'mx bank']);
    expect(result.exitCode).toBe(0);
    const { institutions, pagination } = JSON.parse(result.stdout);
    expect(institutions.map((institution: { code: string }) => institution.code)).toContain('mxbank');
    expect(pagination.current_page).toBe(1);
  });

  // On v20250224 (the default) the create carries data_request, so it starts the verification itself; on v20111101
  // it starts nothing (legacy-version.test.ts) and verify starts it.
  it('create-member creates the member for the saved user, and its create starts the verification', async () => {
    const result = await step(['create-member', '--institution', 'mxbank']);
    expect(result.exitCode).toBe(0);
    const { member, verification } = JSON.parse(result.stdout);
    memberGuid = member.guid;
    expect(member.guid).toMatch(/^MBR-/);
    expect(verification).toBe('started');
  });

  it('verify starts verification and stops at the account-selection challenge without an answer', async () => {
    const result = await step(['verify']);
    expect(result.exitCode).toBe(6);
    expect(JSON.parse(result.stdout).error.message).toContain('--select-account');
  });

  it('status shows the member challenged', async () => {
    const result = await step(['status']);
    expect(result.exitCode).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.member_guid).toBe(memberGuid);
    expect(status.connection_status).toBe('CHALLENGED');
  });

  it('resume answers the challenge and finishes', async () => {
    const result = await step(['resume', '--select-account', 'first']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).member_guid).toBe(memberGuid);
  });

  it('account-numbers lists the verified account, masked unless --reveal', async () => {
    const masked = JSON.parse((await step(['account-numbers'])).stdout);
    expect(masked.account_numbers).toHaveLength(1);
    expect(masked.account_numbers[0].account_number).toMatch(/^•+\d{4}$/);
    const whole = JSON.parse((await step(['account-numbers', '--reveal'])).stdout);
    expect(whole.account_numbers[0].account_number).toMatch(/^\d+$/);
    expect(whole.account_numbers[0].account_number.endsWith(masked.account_numbers[0].account_number.slice(-4))).toBe(true);
  });
});
