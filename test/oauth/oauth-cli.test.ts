import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { pressOnBankPage, startCli } from './helpers.js';
import { steppingClock } from '../helpers/stepping-clock.js';

const root = tempDir();
let count = 0;
const fresh = () => join(root, `c${(count += 1)}`);
const savedState = (configDir: string) =>
  JSON.parse(readFileSync(join(configDir, 'profiles', 'default.json'), 'utf8')).environments.sandbox;
const verify = ['verify', '--no-input', '--json', '--institution', 'mx_bank_oauth', '--select-account', 'first'];

describe('an OAuth institution, in CI (no terminal): the test plays the browser over plain HTTP', () => {
  it('prints the sign-in link on stderr, waits for Approve, then verifies: one JSON document on stdout', async () => {
    // A sandbox of the test's own outlives the CLI, so the used link can be tried again afterwards.
    const sandbox = await createSandbox({ port: 0, jobMs: 0 });
    try {
      const env = { MX_BASE_URL: sandbox.url, MX_CLIENT_ID: sandbox.clientId, MX_API_KEY: sandbox.apiKey };
      const cli = startCli(verify, fresh(), env);
      const link = await cli.link();
      expect(await pressOnBankPage(link, 'Approve')).toContain('Access approved.');
      const result = await cli.done;
      expect(result.exitCode).toBe(0);
      const output = JSON.parse(result.stdout);
      expect(output).toMatchObject({ status: 'verified', institution: { code: 'mx_bank_oauth' }, connection_status: 'CONNECTED' });
      expect(output.account_numbers).toHaveLength(1);
      expect(result.stderr).not.toContain(sandbox.apiKey);
      // One-time: the used link now shows the bank's "expired" page.
      expect((await fetch(link)).status).toBe(410);
    } finally {
      await sandbox.close();
    }
  });

  it('Deny ends in one sentence, exit 5', async () => {
    const cli = startCli(verify, fresh());
    await pressOnBankPage(await cli.link(), 'Deny');
    const result = await cli.done;
    expect(result.exitCode).toBe(5);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      code: 'verification_failed',
      message: 'Access was denied at MX Bank (OAuth), so no account was verified.',
    });
  });

  it('after a Deny, the next verify sends a new link for the same member and Approve then verifies it', async () => {
    const configDir = fresh();
    const first = startCli(verify, configDir);
    await pressOnBankPage(await first.link(), 'Deny');
    expect((await first.done).exitCode).toBe(5);
    const denied = savedState(configDir);
    expect(denied.member_guid).toMatch(/^MBR-/);

    const again = startCli(verify, configDir);
    await pressOnBankPage(await again.link(), 'Approve');
    const result = await again.done;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'verified', member_guid: denied.member_guid });
  });

  it('resume continues the saved member still waiting for the bank, with a fresh link', async () => {
    const configDir = fresh();
    const timedOut = await runCli([...verify, '--timeout', '1s'], { configDir, clock: steppingClock() });
    expect(timedOut.exitCode).toBe(7);
    const oldLink = new URL(/approve access for mx-iav: (\S+)/.exec(timedOut.stderr)?.[1] ?? '');
    const saved = savedState(configDir);
    expect(saved.member_guid).toMatch(/^MBR-/);

    const resumed = startCli(['resume', '--no-input', '--json', '--select-account', 'first'], configDir);
    const link = await resumed.link();
    // Links are one-time, and the earlier one may have been used: a new one is asked for.
    expect(new URL(link).searchParams.get('state')).not.toBe(oldLink.searchParams.get('state'));
    expect(await pressOnBankPage(link, 'Approve')).toContain('Access approved.');
    const result = await resumed.done;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).member_guid).toBe(saved.member_guid);
  });
});
