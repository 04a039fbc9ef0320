import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// Each run of the built-in sandbox is its own server over one state file per profile. A run that started before
// another one changed that file must serve the change, not its own copy read at start.

const challenge = { MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'challenge' };

/** Resolves once the child's stdout holds `pattern` (the test's own timeout bounds the wait). */
function waitFor(child: ReturnType<typeof spawnCli>['child'], pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    child.stdout!.on('data', (chunk) => {
      seen += String(chunk);
      if (pattern.test(seen)) resolve();
    });
  });
}

describe('two processes on one profile\'s built-in sandbox', () => {
  it('status --watch sees the resume another process makes, and ends CONNECTED with exit 0', async () => {
    const configDir = tempDir();
    const left = await runCli(['verify', '--no-input', '--institution', 'mxbank'], { configDir, env: challenge });
    expect(left.exitCode, left.stderr).toBe(6);
    const watch = spawnCli(['status', '--watch', '--poll-interval', '1s', '--timeout', '40s'], { configDir, timeoutMs: 50_000 });
    await waitFor(watch.child, /CHALLENGED/);
    const resume = await runCli(['resume', '--no-input', '--answer', 'correct', '--select-account', 'first'], { configDir });
    expect(resume.exitCode, resume.stderr).toBe(0);
    const watched = await watch.result;
    expect(watched.stdout).toMatch(/ CONNECTED {2}Connected to MX Bank\.\n$/);
    expect(watched.exitCode, watched.stderr).toBe(0);
  }, 60_000);
});
