import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { admin, remoteLogWhen } from './sandbox-admin.js';
import { webhookErrors } from './schemas/validate.js';
import { startListener } from './listen-process.js';

// `listen --sandbox` against `mx-iav sandbox` as its own process, and a verification by `mx-iav verify` against
// that sandbox: what the listener prints is what an application behind MX would receive.
const root = tempDir('mx-iav-listen-sandbox-');
let sandbox: SandboxProcess;
let target: { url: string; clientId: string; apiKey: string };

beforeAll(async () => {
  sandbox = await startSandboxProcess(['--job-ms', '0'], root);
  target = { url: sandbox.exported.MX_BASE_URL!, clientId: sandbox.exported.MX_CLIENT_ID!, apiKey: sandbox.exported.MX_API_KEY! };
});
afterAll(() => sandbox.stop());

describe('mx-iav listen --sandbox', () => {
  it("registers with the profile's sandbox, prints a verification's webhooks in order, each valid against MX's schemas, and unregisters on Ctrl-C", async () => {
    const env = { ...sandbox.exported };
    const listener = await startListener(['--sandbox', '--json', '--basic-auth', 'hooks:listen-canary'], { configDir: `${root}/listen`, env }, /Registered with the sandbox/);
    expect(listener.stderr()).toContain(`Registered with the sandbox at ${target.url} as WHE-`);
    const endpoints = (await admin(target, 'GET', '/_sandbox/webhooks/endpoints')).body.endpoints;
    expect(endpoints.map((e: { url: string }) => e.url)).toEqual([listener.url]);

    const verify = await runCli(['verify', '--no-input', '--json', '--institution', 'mxbank', '--answer', 'correct', '--select-account', 'first'], {
      configDir: `${root}/client`,
      env: { ...env, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'challenge' },
    });
    expect(verify.exitCode, verify.stderr).toBe(0);
    const verified = JSON.parse(verify.stdout);
    // INITIAL_DATA_READY ends a v20250224 verification's webhooks: wait until it is logged and all are delivered
    // (the bound only turns a missing delivery into a failure).
    const events = await remoteLogWhen(target, (log) => log.some((e) => e.type === 'INITIAL_DATA_READY') && log.every((e) => e.state === 'delivered'));
    const lines = (await listener.lines(events.length)).map((line) => JSON.parse(line));
    const result = await listener.stop();
    expect(result.exitCode, result.stderr).toBe(0);
    expect((await admin(target, 'GET', '/_sandbox/webhooks/endpoints')).body.endpoints).toEqual([]);

    const sequence = lines.map((l) => `${l.type}:${l.type === 'CONNECTION_STATUS' ? l.status : (l.action ?? '')}`);
    expect(sequence).toEqual([
      'MEMBER:created', 'CONNECTION_STATUS:CHALLENGED', 'CONNECTION_STATUS:CHALLENGED', 'VERIFICATION:member_data_updated', 'initial_data_ready:',
    ]);
    expect(lines.every((l) => l.member_guid === verified.member_guid && l.user_guid === verified.user_guid)).toBe(true);
    expect(lines[3].payload.accounts).toEqual(verified.account_numbers.map((n: { account_guid: string }) => n.account_guid));
    for (const line of lines) expect(webhookErrors(line.payload), JSON.stringify(line.payload)).toEqual([]);
    // The sandbox got the listener's Basic auth as URL user info and reached it with it; nobody printed it.
    expect(events.every((e) => e.state === 'delivered')).toBe(true);
    expect(result.stdout + result.stderr.replace(/--basic-auth/g, '')).not.toContain('listen-canary');

    // The listener is gone from the sandbox: a webhook fired now has nowhere to go, and trigger says so.
    const orphan = await runCli(['trigger', 'MEMBER', '--member', verified.member_guid], { configDir: `${root}/client`, env });
    expect(orphan.exitCode, orphan.stderr).toBe(0);
    expect(orphan.stdout).toMatch(/^Fired MEMBER \(updated\) for MBR-\S+: event WHK-\S+, failed \(no webhook endpoint takes MEMBER events\)\n$/);
  });

  it('with no sandbox configured, starts one in this process and prints the lines to use it; SIGTERM ends it with 0', async () => {
    const listener = await startListener(['--sandbox'], { configDir: `${root}/built-in` }, /Registered with the sandbox/);
    const exported = /export MX_BASE_URL=(\S+) MX_CLIENT_ID=(\S+) MX_API_KEY=(\S+)/.exec(listener.stderr());
    expect(exported, listener.stderr()).not.toBeNull();
    const own = { url: exported![1]!, clientId: exported![2]!, apiKey: exported![3]! };
    expect((await admin(own, 'GET', '/_sandbox/webhooks/endpoints')).body.endpoints.map((e: { url: string }) => e.url)).toEqual([listener.url]);
    const verify = await runCli(['verify', '--no-input', '--institution', 'mxbank', '--select-account', 'first'], {
      configDir: `${root}/built-in-client`,
      env: { MX_BASE_URL: own.url, MX_CLIENT_ID: own.clientId, MX_API_KEY: own.apiKey, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' },
    });
    expect(verify.exitCode, verify.stderr).toBe(0);
    const lines = await listener.lines(2);
    const result = await listener.stop('SIGTERM');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(lines.some((line) => / VERIFICATION {2}member_data_updated /.test(line))).toBe(true);
    expect(result.stderr).toContain('Stopped listening.');
  });
});
