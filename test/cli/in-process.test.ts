import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Issue 15: runCli runs mx-iav in the test's process. That holds only while a run reads and writes through its Io:
// one stray process.stdout.write or process.env read would pass unseen here and break a real run's pipes.
const VERIFY = ['verify', '--no-input', '--institution', 'mxbank', '--credential', 'LOGIN=mxuser', '--credential', 'PASSWORD=x', '--select-account', 'first'];

describe('a run inside the test process', () => {
  const root = tempDir('mx-iav-in-process-');

  it('writes its results and messages to its own streams, none to the process', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const run = await runCli(VERIFY, { configDir: join(root, 'streams') });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toContain('Account numbers are masked');
      expect(run.stderr).toContain('using the built-in sandbox');
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it('takes MX_IAV_PROFILE from its own env, and the next run does not see it', async () => {
    const configDir = join(root, 'env');
    const jane = await runCli(['config', 'path'], { configDir, env: { MX_IAV_PROFILE: 'jane' } });
    expect(jane.stdout).toBe(`${join(configDir, 'profiles', 'jane.json')}\n`);
    const plain = await runCli(['config', 'path'], { configDir });
    expect(plain.stdout).toBe(`${join(configDir, 'profiles', 'default.json')}\n`);
  });

  it('hints addressed to a member by one run are not carried into the next', async () => {
    const typed = await runCli(['status', '--user', 'USR-other', '--member', 'MBR-other'], { configDir: join(root, 'typed') });
    expect(typed.stderr).toContain('MX has no user USR-other.');
    const fresh = await runCli(['status'], { configDir: join(root, 'fresh') });
    expect(fresh.stderr).toContain('Start with: mx-iav verify');
    expect(fresh.stderr).not.toContain('USR-other');
  });
});
