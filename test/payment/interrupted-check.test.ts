import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// kill -9 while the identification runs, then `resume`: it follows the member to its end and prints the payment
// check the interrupted run asked for, without the flags being given again.

describe('an interrupted owner and balance check', () => {
  it('resume finishes it and prints the payment check', async () => {
    const configDir = tempDir();
    // Slow sandbox jobs (the built-in sandbox keeps its state in the config directory), so the kill lands mid-job.
    const env = { MX_IAV_SANDBOX_JOB_MS: '1500', MX_IAV_CREDENTIAL_LOGIN: 'mxuser_one_account', MX_IAV_CREDENTIAL_PASSWORD: 'correct' };
    const args = ['verify', '--no-input', '--institution', 'mxbank', '--api-version', 'v20111101', '--owner', '--balance'];
    const { child, result } = spawnCli(args, { configDir, env });
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes('Identifying the account owners')) resolve();
      });
    });
    child.kill('SIGKILL');
    expect((await result).exitCode).toBeNull();

    const resumed = await runCli(['resume', '--no-input', '--json', '--api-version', 'v20111101'], { configDir, env: { MX_IAV_SANDBOX_JOB_MS: '1500' } });
    expect(resumed.stderr).not.toMatch(/Unexpected/);
    expect(resumed.exitCode).toBe(0);
    const [check] = JSON.parse(resumed.stdout).payment_checks;
    expect(check).toMatchObject({ owners: [{ name: 'Josh Smith' }], available_balance: 980.15, balance_checked: true });
  });
});
