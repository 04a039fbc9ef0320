import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// CI gives answers through the environment: MX_IAV_ANSWERS and MX_IAV_SELECT_ACCOUNT, which the missing-answer
// sentences name, with the flags winning over them. And a credentials file that is not a file stops at once.
const root = tempDir('mx-iav-answer-vars-');
let runs = 0;
const fresh = () => join(root, `run-${(runs += 1)}`);
let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, jobMs: 0, recordPath: '' });
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey, MX_IAV_CREDENTIAL_LOGIN: 'mxuser' };
});
afterAll(() => sandbox?.close());

const verify = (args: string[], extra: Record<string, string>) =>
  runCli(['verify', '--no-input', '--json', '--institution', 'mxbank', ...args], { configDir: fresh(), env: { ...env, ...extra } });

describe('MX_IAV_SELECT_ACCOUNT and MX_IAV_ANSWERS', () => {
  it('MX_IAV_SELECT_ACCOUNT answers the account choice', async () => {
    const result = await verify([], { MX_IAV_CREDENTIAL_PASSWORD: 'password', MX_IAV_SELECT_ACCOUNT: 'Savings' });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).account_numbers).toEqual([expect.objectContaining({ account_name: 'Savings', account_type: 'SAVINGS' })]);
  });

  it('MX_IAV_ANSWERS answers a challenge, as one answer or as a JSON array', async () => {
    const one = await verify([], { MX_IAV_CREDENTIAL_PASSWORD: 'challenge', MX_IAV_ANSWERS: 'correct', MX_IAV_SELECT_ACCOUNT: 'first' });
    expect(one.exitCode, one.stderr).toBe(0);
    const array = await verify([], { MX_IAV_CREDENTIAL_PASSWORD: 'options', MX_IAV_ANSWERS: '["correct"]', MX_IAV_SELECT_ACCOUNT: 'first' });
    expect(array.exitCode, array.stderr).toBe(0);
  });

  it('the flags win over the variables', async () => {
    const result = await verify(['--answer', 'correct', '--select-account', 'first'], {
      MX_IAV_CREDENTIAL_PASSWORD: 'challenge', MX_IAV_ANSWERS: 'wrong', MX_IAV_SELECT_ACCOUNT: 'Brokerage',
    });
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('a malformed JSON array is a usage error that does not quote it', async () => {
    const result = await verify([], { MX_IAV_CREDENTIAL_PASSWORD: 'challenge', MX_IAV_ANSWERS: '["hunter2-answer"', MX_IAV_SELECT_ACCOUNT: 'first' });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('MX_IAV_ANSWERS starts with \\"[\\" but is not a JSON array of strings');
    expect(result.stdout + result.stderr).not.toContain('hunter2');
  });
});

describe('--credentials-file that is not a regular file', () => {
  it('a FIFO is refused without waiting for a writer', async () => {
    const fifo = join(root, 'creds.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const result = await runCli(['verify', '--no-input', '--institution', 'mxbank', '--credentials-file', fifo], { configDir: fresh(), env, timeoutMs: 10_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`The credentials file ${fifo} is not a regular file.`);
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
