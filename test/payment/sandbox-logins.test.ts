import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSandboxProcess } from '../helpers/sandbox-process.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('mx-iav sandbox: the owner logins', () => {
  it('lists mxuser_other_owner and the MXCU owners in its login table, and serves them to verify --expect-owner', async () => {
    const root = tempDir();
    const sandbox = await startSandboxProcess([], `${root}/server`);
    try {
      expect(sandbox.out).toMatch(/^mxbank\s+mxuser_other_owner\s.*Jordan Rivers/m);
      expect(sandbox.out).toMatch(/^mxcu_oauth\s.*John Smith and Mary Smith/m);
      const env = { ...sandbox.exported, MX_IAV_CREDENTIAL_LOGIN: 'mxuser_other_owner', MX_IAV_CREDENTIAL_PASSWORD: 'correct' };
      const args = ['verify', '--no-input', '--json', '--institution', 'mxbank', '--expect-owner', 'jordan rivers', '--balance'];
      const result = await runCli(args, { configDir: `${root}/cli`, env });
      expect(result.exitCode).toBe(0);
      const [check] = JSON.parse(result.stdout).payment_checks;
      expect(check).toMatchObject({ owner_matches: true, owners: [{ name: 'Jordan Rivers' }], available_balance: 640.5 });
    } finally {
      await sandbox.stop();
    }
  });
});
