import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSandboxProcess } from '../helpers/sandbox-process.js';
import { tempDir } from '../helpers/temp-dir.js';

// The sandbox's own amounts are listed beside MX Bank's logins, and said to be its own.
describe('the micro-deposit test values in the tables', () => {
  it('mx-iav scenarios lists them after the CI scenarios', async () => {
    const { exitCode, stdout } = await runCli(['scenarios'], { configDir: tempDir() });
    expect(exitCode).toBe(0);
    expect(stdout).toContain("Micro-deposits (amounts are this sandbox's own; MX does not publish its table):");
    expect(stdout).toMatch(/^amounts 0\.12 and 0\.15 \(sandbox's own\) +VERIFIED$/m);
    expect(stdout).toMatch(/^amounts 0\.99 and 0\.99 \(sandbox's own\) +ERRORED$/m);
  });

  it('mx-iav sandbox prints them after MX Bank\'s logins', async () => {
    const sandbox = await startSandboxProcess(['--micro-deposit-delay-ms', '1000'], tempDir());
    try {
      expect(sandbox.out.indexOf('Micro-deposits (amounts')).toBeGreaterThan(sandbox.out.indexOf('harborview_brokerage'));
      expect(sandbox.out).toMatch(/^the same account and routing number again +CONFLICTED$/m);
    } finally {
      await sandbox.stop();
    }
  });

  it('a --micro-deposit-delay-ms that is not a number is a usage error', async () => {
    const { exitCode, stderr } = await runCli(['sandbox', '--port', '0', '--micro-deposit-delay-ms', 'soon'], { configDir: tempDir() });
    expect(exitCode).toBe(2);
    expect(stderr).toContain('--micro-deposit-delay-ms takes a whole number');
  });
});
