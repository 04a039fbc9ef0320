import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Issue 11: the built-in sandbox failing to write its state printed an error and then never exited (the server it
// had started kept the process alive). Now it ends in one sentence and exit 3, at once.
describe('the built-in sandbox cannot write its state', () => {
  const root = tempDir('mx-iav-sandbox-state-');
  const verify = ['verify', '--no-input', '--institution', 'mxbank', '--select-account', 'first'];
  // Credentials from the environment: on the command line they would add the process-list warning to stderr.
  const env = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'x' };

  it('ends in one sentence with exit 3 when a file stands where its directory goes', async () => {
    const configDir = mkdtempSync(join(root, 'cfg-'));
    writeFileSync(join(configDir, 'sandbox'), '');
    // A run that never ends is cut at 15 s by runCli and fails here on its exit code.
    const { exitCode, stdout, stderr } = await runCli(verify, { configDir, env, timeoutMs: 15_000 });
    expect(exitCode).toBe(3);
    expect(stdout).toBe('');
    const path = join(configDir, 'sandbox', 'default.json');
    expect(stderr).toBe(
      `✖ The sandbox cannot write its state to ${path}: a file stands where a directory is needed; fix that path, or set MX_IAV_CONFIG_DIR elsewhere.\n`,
    );
  });

  it('says the same under --json, as the error document', async () => {
    const configDir = mkdtempSync(join(root, 'cfg-'));
    mkdirSync(join(configDir, 'sandbox', 'default.json'), { recursive: true });
    const { exitCode, stdout } = await runCli(['--json', ...verify], { configDir, env, timeoutMs: 15_000 });
    expect(exitCode).toBe(3);
    const error = (JSON.parse(stdout) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/^The sandbox cannot read its state from .*default\.json: it is a directory; /);
  });
});
