import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { mxApi, newUser, widgetUrl } from './sandbox-api.js';

// `mx-iav sandbox --widget-url-ttl-ms`: the built binary, so the flag is wired from commander to the sandbox.
describe('mx-iav sandbox --widget-url-ttl-ms', () => {
  const root = tempDir();
  let sandbox: SandboxProcess | null = null;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = null;
  });

  const connect = (process: SandboxProcess) =>
    mxApi({ url: process.exported.MX_BASE_URL ?? '', clientId: process.exported.MX_CLIENT_ID ?? '', apiKey: process.exported.MX_API_KEY ?? '' });

  it('0 makes every widget URL expired on arrival: 410', async () => {
    sandbox = await startSandboxProcess(['--widget-url-ttl-ms', '0'], root);
    const api = connect(sandbox);
    const answer = await fetch(await widgetUrl(api, await newUser(api)));
    expect(answer.status).toBe(410);
    expect(await answer.text()).toContain('This link has expired.');
  });

  it('by default a URL opens (it lives ten minutes)', async () => {
    sandbox = await startSandboxProcess([], root);
    const api = connect(sandbox);
    expect((await fetch(await widgetUrl(api, await newUser(api)))).status).toBe(200);
  });

  it('refuses a value that is not a whole number of milliseconds, in one sentence', async () => {
    const result = await runCli(['sandbox', '--port', '0', '--widget-url-ttl-ms', 'soon'], { configDir: root });
    expect(result.stderr).toContain('--widget-url-ttl-ms takes a whole number from 0 to 86400000.\n');
    expect(result.exitCode).toBe(2);
  });
});
