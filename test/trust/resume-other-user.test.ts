import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { serveSandbox, type Served } from '../trust-b/sandbox-process.js';

// The profile has a micro-deposit waiting for its amounts. `resume --user` of another user must act on that user,
// not continue the saved user's micro-deposit (another customer's account).

let sandbox: Served;
let env: Record<string, string>;
beforeAll(async () => {
  sandbox = await serveSandbox(tempDir('mx-iav-resume-other-sandbox-'), {}, ['--micro-deposit-delay-ms', '0']);
  env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
});
afterAll(() => sandbox?.stop());

describe('resume --user with a micro-deposit saved for another user', () => {
  it('switches to the user named, and leaves the saved micro-deposit alone', async () => {
    const configDir = tempDir('mx-iav-resume-other-');
    const started = await runCli(['verify', '--no-input', '--micro-deposits', '--account-number', '33331234567', '--routing-number', '091000019', '--account-type', 'checking'], { configDir, env });
    expect(started.exitCode, started.stderr).toBe(6);
    const micro = /Created micro-deposit (MIC-[\w-]+)/.exec(started.stderr)?.[1];
    expect(micro).toMatch(/^MIC-/);
    const other = JSON.parse((await runCli(['--profile', 'other', 'create-user', '--json'], { configDir, env })).stdout) as { user: { guid: string } };
    const resumed = await runCli(['resume', '--no-input', '--user', other.user.guid], { configDir, env });
    expect(resumed.stderr).not.toContain(micro);
    expect(resumed.stderr).toContain(`Profile "default" now follows user ${other.user.guid}, instead of user `);
    expect(resumed.stderr).toContain('✖ mx-iav needs to know which institution to use, but --no-input is set');
    expect(resumed.exitCode).toBe(6);
  }, 60_000);
});
