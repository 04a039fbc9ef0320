import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { freshAccount, microDepositSandbox, RIGHT, ROUTING, WRONG } from './helpers.js';

// Through the binary against a sandbox whose deposits arrive 300 ms after the create, as CI runs it (--no-input).
const root = tempDir();
let dirs = 0;
const fresh = () => `${root}/p${(dirs += 1)}`;
const { sandbox, env, client } = await microDepositSandbox(300);
const saved = (dir: string) => {
  const file = JSON.parse(readFileSync(join(dir, 'profiles', 'default.json'), 'utf8')) as { environments: Record<string, Record<string, unknown>> };
  return Object.values(file.environments)[0] ?? {};
};

describe('micro-deposits under --no-input', () => {
  it('a bank without instant verification falls back to micro-deposits and ends VERIFIED; the account number stays masked', async () => {
    const account = freshAccount();
    const dir = fresh();
    const args = ['verify', '--no-input', '--json', '--institution', 'harborview_brokerage', '--account-number', account, '--routing-number', ROUTING, ...RIGHT];
    const result = await runCli(args, { configDir: dir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('Harborview Investment Brokerage does not support instant account verification.');
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ status: 'verified', micro_deposit: { status: 'VERIFIED', routing_number: ROUTING, account_number: `••••${account.slice(-4)}` } });
    expect(result.stdout + result.stderr).not.toContain(account);
    expect(saved(dir)).toMatchObject({ micro_deposit_guid: json.micro_deposit_guid });
    const again = await runCli(['micro-deposits', 'status', '--no-input', '--reveal'], { configDir: dir, env });
    expect(again.stdout).toContain(`Account ${account}, routing ${ROUTING}`);
  });

  it('status --user --micro-deposit: the next step names that user and micro-deposit, not the profile\'s', async () => {
    const created = await runCli(['micro-deposits', 'create', '--no-input', '--json', '--account-number', freshAccount(), '--routing-number', ROUTING], { configDir: fresh(), env });
    expect(created.exitCode, created.stderr).toBe(0);
    const { user_guid: user, micro_deposit_guid: guid } = JSON.parse(created.stdout);
    sandbox.advance(300);
    const result = await runCli(['micro-deposits', 'status', '--no-input', '--user', user, '--micro-deposit', guid], { configDir: fresh(), env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(`mx-iav micro-deposits verify --user ${user} --micro-deposit ${guid}`);
    // Under --json the same step as data, and written as this run was invoked (here under --profile).
    const json = await runCli(['--profile', 'jane', 'micro-deposits', 'status', '--json', '--user', user, '--micro-deposit', guid], { configDir: fresh(), env });
    const { next, next_steps: steps } = JSON.parse(json.stdout);
    expect(next).toContain(`mx-iav --profile jane micro-deposits verify --user ${user} --micro-deposit ${guid}`);
    expect(steps).toEqual([
      { command: 'micro-deposits verify', args: [], flags: { user, 'micro-deposit': guid }, text: `mx-iav --profile jane micro-deposits verify --user ${user} --micro-deposit ${guid}` },
    ]);
  });

  it('the variables stand in for the flags', async () => {
    const account = freshAccount();
    const variables = { ...env, MX_IAV_ACCOUNT_NUMBER: account, MX_IAV_ROUTING_NUMBER: ROUTING, MX_IAV_ACCOUNT_TYPE: 'savings', MX_IAV_DEPOSIT_AMOUNTS: '0.15,0.12' };
    const result = await runCli(['verify', '--no-input', '--json', '--micro-deposits'], { configDir: fresh(), env: variables });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).micro_deposit).toMatchObject({ status: 'VERIFIED', account_type: 'SAVINGS' });
  });

  it('three wrong pairs of amounts: DENIED with 2 and 1 attempts left, then PREVENTED, each exit 5 with the reason', async () => {
    const dir = fresh();
    const first = await runCli(['verify', '--no-input', '--micro-deposits', '--account-number', freshAccount(), '--routing-number', ROUTING, ...WRONG], { configDir: dir, env });
    expect(first.exitCode).toBe(5);
    expect(first.stderr).toMatch(/is DENIED: The amounts entered did not match the deposits\. 2 of 3 attempts left\./);
    const second = await runCli(['micro-deposits', 'verify', '--no-input', ...WRONG], { configDir: dir, env });
    expect(second.exitCode).toBe(5);
    expect(second.stderr).toContain('1 of 3 attempts left');
    const third = await runCli(['micro-deposits', 'verify', '--no-input', '--json', ...WRONG], { configDir: dir, env });
    expect(third.exitCode).toBe(5);
    expect(JSON.parse(third.stdout).error).toMatchObject({ status: 'PREVENTED', message: expect.stringContaining('Too many invalid verification attempts') });
    const resumed = await runCli(['resume', '--no-input'], { configDir: dir, env });
    expect(resumed.exitCode).toBe(5);
    expect(resumed.stderr).toContain('PREVENTED');
  });

  it('a routing number failing the ABA checksum is refused before anything is sent (exit 2)', async () => {
    const before = sandbox.requests().length;
    const result = await runCli(['verify', '--no-input', '--micro-deposits', '--account-number', freshAccount(), '--routing-number', '091000018', ...RIGHT], { configDir: fresh(), env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('The routing number is not a valid ABA routing number');
    expect(sandbox.requests().slice(before).filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('021000021 passes the checksum but MX refuses it: REJECTED, exit 5', async () => {
    const result = await runCli(['micro-deposits', 'create', '--no-input', '--account-number', freshAccount(), '--routing-number', '021000021'], { configDir: fresh(), env });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toMatch(/is REJECTED: .*MX says: The routing number is not a valid ABA routing number\./);
  });

  it('a second request for the same account is CONFLICTED, exit 5, and says what to do', async () => {
    const account = freshAccount();
    const args = ['micro-deposits', 'create', '--no-input', '--account-number', account, '--routing-number', ROUTING];
    expect((await runCli(args, { configDir: fresh(), env })).exitCode).toBe(0);
    const second = await runCli([...args, '--json'], { configDir: fresh(), env });
    expect(second.exitCode).toBe(5);
    expect(JSON.parse(second.stdout).error).toMatchObject({ status: 'CONFLICTED', hint: expect.stringContaining('micro-deposits list') });
  });

  it('a missing account number under --no-input is exit 6, naming the flag and the variable', async () => {
    const result = await runCli(['verify', '--no-input', '--micro-deposits'], { configDir: fresh(), env });
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toContain('pass --account-number or set MX_IAV_ACCOUNT_NUMBER');
  });

  it('status, report, list and delete know the saved micro-deposit', async () => {
    const dir = fresh();
    const account = freshAccount();
    expect((await runCli(['micro-deposits', 'create', '--no-input', '--account-number', account, '--routing-number', ROUTING], { configDir: dir, env })).exitCode).toBe(0);
    const guid = saved(dir).micro_deposit_guid as string;
    const status = await runCli(['status', '--no-input'], { configDir: dir, env });
    expect(status.stdout).toMatch(new RegExp(`Micro-deposit ${guid}: (REQUESTED|DEPOSITED)`));
    const report = await runCli(['report'], { configDir: dir, env });
    expect(report.stdout).toContain(`Micro-deposit: ${guid}`);
    expect(report.stdout).not.toContain(account);
    const listed = await runCli(['micro-deposits', 'list', '--json'], { configDir: dir, env });
    expect(JSON.parse(listed.stdout).micro_deposits.map((item: { guid: string }) => item.guid)).toEqual([guid]);
    expect((await runCli(['micro-deposits', 'delete', '--no-input'], { configDir: dir, env })).exitCode).toBe(0);
    expect(saved(dir).micro_deposit_guid).toBeUndefined();
    const userGuid = saved(dir).user_guid as string;
    expect((await client.listMicroDeposits(userGuid)).items).toEqual([]);
  });

  it('cleanup deletes the user with its micro-deposits and forgets the saved guid', async () => {
    const dir = fresh();
    expect((await runCli(['micro-deposits', 'create', '--no-input', '--account-number', freshAccount(), '--routing-number', ROUTING], { configDir: dir, env })).exitCode).toBe(0);
    const userGuid = saved(dir).user_guid as string;
    const cleanup = await runCli(['cleanup', '--yes'], { configDir: dir, env });
    expect(cleanup.exitCode, cleanup.stderr).toBe(0);
    expect(saved(dir)).not.toHaveProperty('micro_deposit_guid');
    await expect(client.listMicroDeposits(userGuid)).rejects.toThrow(/404/);
    const status = await runCli(['micro-deposits', 'status'], { configDir: dir, env });
    expect(status.exitCode).toBe(3);
  });
});
