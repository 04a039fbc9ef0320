import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { onEvents, waitFor } from '../helpers/wait-for.js';
import { admin, remoteLogWhen } from './sandbox-admin.js';
import { Receiver, until } from './sandbox-receiver.js';

// Through the binaries: `mx-iav sandbox --webhook-url` as its own process, a verification by `mx-iav verify`
// against it, and a receiver on loopback that sees what an application behind MX would.
const root = tempDir('mx-iav-webhooks-cli-');
const receiver = new Receiver();
let sandbox: SandboxProcess;
let stderr = '';

beforeAll(async () => {
  await receiver.start();
  const url = receiver.url.replace('http://', 'http://hooks:pa55-canary@');
  sandbox = await startSandboxProcess(['--job-ms', '0', '--webhook-url', url], root);
  sandbox.server.stderr!.on('data', (chunk) => (stderr += chunk));
});
afterAll(async () => {
  await sandbox.stop();
  await receiver.stop();
});

describe('mx-iav sandbox --webhook-url', () => {
  it('a verification at MX Bank with MFA yields CONNECTION_STATUS CHALLENGED, then VERIFICATION with the verified account, in order', async () => {
    const result = await runCli(['verify', '--no-input', '--json', '--institution', 'mxbank', '--answer', 'correct', '--select-account', 'first'], {
      configDir: `${root}/client`,
      env: { ...sandbox.exported, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'challenge' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const verified = JSON.parse(result.stdout);
    await until(() => receiver.received.some((r) => r.body.type === 'initial_data_ready'), receiver);
    const mine = receiver.received.filter((r) => (r.body.member_guid ?? r.body.guid) === verified.member_guid);
    const sequence = mine.map((r) => `${r.body.type}:${r.body.type === 'CONNECTION_STATUS' ? r.body.connection_status : (r.body.action ?? '')}`);
    // The MFA challenge, then MX's account-selection challenge (also CHALLENGED), then the verification; the CLI
    // speaks v20250224 by default and creates the member with data_request, so INITIAL_DATA_READY ends it.
    expect(sequence.filter((s) => !s.startsWith('MEMBER:'))).toEqual([
      'CONNECTION_STATUS:CHALLENGED', 'CONNECTION_STATUS:CHALLENGED', 'VERIFICATION:member_data_updated', 'initial_data_ready:',
    ]);
    expect(sequence[0]).toBe('MEMBER:created');
    const verification = mine.find((r) => r.body.type === 'VERIFICATION')!;
    expect(verification.body.accounts).toEqual(verified.account_numbers.map((n: { account_guid: string }) => n.account_guid));
    expect(verification.body.accounts.length).toBe(1);
    expect(mine.every((r) => r.headers.authorization === `Basic ${Buffer.from('hooks:pa55-canary').toString('base64')}`)).toBe(true);
  });

  it('says where webhooks go without the password, and the admin routes work on the process', async () => {
    await waitFor(() => stderr.includes('Webhooks to'), onEvents(sandbox.server.stderr!, 'data'));
    expect(stderr).toContain(`Webhooks to ${receiver.url}`);
    expect(stderr + sandbox.out).not.toContain('pa55-canary');
    const target = { url: sandbox.exported.MX_BASE_URL!, clientId: sandbox.exported.MX_CLIENT_ID!, apiKey: sandbox.exported.MX_API_KEY! };
    const events = (await admin(target, 'GET', '/_sandbox/webhooks/events')).body.events;
    expect(events.length).toBe(receiver.received.length);
    expect(events.every((e: { state: string }) => e.state === 'delivered')).toBe(true);
    expect(JSON.stringify(events)).not.toContain('pa55-canary');
  });

  it('a malformed --webhook-url is a usage error (exit 2) that does not echo it', async () => {
    const result = await runCli(['sandbox', '--port', '0', '--webhook-url', 'NOPE=http://u:secret-canary@127.0.0.1:1/x'], { configDir: `${root}/bad` });
    expect(result.exitCode).toBe(2);
    expect(result.stdout + result.stderr).toContain('--webhook-url: NOPE is not a webhook type');
    expect(result.stdout + result.stderr).not.toContain('secret-canary');
  });
});

describe('mx-iav sandbox --webhook-url to a receiver that fails at first', () => {
  const failing = new Receiver((n) => ({ status: n <= 3 ? 500 : 204 }));
  let server: SandboxProcess;

  beforeAll(async () => {
    await failing.start();
    server = await startSandboxProcess(['--job-ms', '0', '--webhook-url', failing.url], `${root}/failing`);
  });
  afterAll(async () => {
    await server.stop();
    await failing.stop();
  });

  it('gets the event on the 4th attempt, the clock advanced between, and the member\'s later webhooks after it, in order', async () => {
    const result = await runCli(['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'], {
      configDir: `${root}/failing-client`,
      env: { ...server.exported, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const target = { url: server.exported.MX_BASE_URL!, clientId: server.exported.MX_CLIENT_ID!, apiKey: server.exported.MX_API_KEY! };
    // The clock moves on only once the sandbox has logged the last answer and so scheduled its retry: moved before,
    // the retry would be scheduled from the later time and never come due.
    const answerLogged = (count: number) => remoteLogWhen(target, (log) => (log[0]?.attempts.length ?? 0) >= count);
    await until(() => failing.received.length === 1, failing);
    for (const [n, by] of [[2, '1m'], [3, '2m']] as const) {
      expect(failing.received.length).toBe(n - 1);
      await answerLogged(n - 1);
      await admin(target, 'POST', '/_sandbox/clock/advance', { by });
      await until(() => failing.received.length === n, failing);
    }
    await answerLogged(3);
    await admin(target, 'POST', '/_sandbox/clock/advance', { by: '4m' });
    await until(() => failing.received.length === 7, failing);
    expect(failing.received.map((r) => r.answered)).toEqual([500, 500, 500, 204, 204, 204, 204]);
    expect(failing.accepted.map((r) => r.body.type)).toEqual(['MEMBER', 'CONNECTION_STATUS', 'VERIFICATION', 'initial_data_ready']);
    const [first] = (await admin(target, 'GET', '/_sandbox/webhooks/events')).body.events;
    expect(first.attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 500, 204]);
  });
});
