import { expect, it } from 'vitest';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

it('an interrupted run names the command that continues it, with the profile the flag chose', async () => {
  const { child, result } = spawnCli(['verify', '--no-input', '--profile', 'ci-7', '--institution', 'mxbank'], {
    configDir: tempDir(),
    env: { MX_IAV_SANDBOX_JOB_MS: '60000', MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' },
  });
  let stderr = '';
  const onData = (chunk: Buffer) => {
    stderr += chunk;
    if (!stderr.includes('Waiting for MX Bank')) return;
    child.stderr!.off('data', onData);
    child.kill('SIGTERM');
  };
  child.stderr!.on('data', onData);
  const { exitCode, stderr: all } = await result;
  expect(exitCode).toBe(130);
  expect(all).toContain('Continue with: mx-iav --profile ci-7 resume');
});
