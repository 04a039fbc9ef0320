import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import { tempDir } from '../helpers/temp-dir.js';
import { remoteLogWhen } from './sandbox-admin.js';
import { Receiver, until } from './sandbox-receiver.js';
import { webhookErrors } from './schemas/validate.js';

// trigger, sandbox advance / events / resend / force-status through the binary, against `mx-iav sandbox` as its
// own process delivering to a loopback receiver.
const root = tempDir('mx-iav-cli-admin-');
const receiver = new Receiver();
let sandbox: SandboxProcess;
let env: Record<string, string>;
let target: { url: string; clientId: string; apiKey: string };
let member = '';

const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { configDir: `${root}/client`, env: { ...env, ...extra } });

beforeAll(async () => {
  await receiver.start();
  sandbox = await startSandboxProcess(['--job-ms', '0', '--webhook-url', receiver.url], root);
  env = sandbox.exported;
  target = { url: env.MX_BASE_URL!, clientId: env.MX_CLIENT_ID!, apiKey: env.MX_API_KEY! };
  const verify = await cli(['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first'], {
    MX_IAV_CREDENTIAL_LOGIN: 'mxuser',
    MX_IAV_CREDENTIAL_PASSWORD: 'password',
  });
  expect(verify.exitCode, verify.stderr).toBe(0);
  member = JSON.parse(verify.stdout).member_guid;
});
afterAll(async () => {
  await sandbox.stop();
  await receiver.stop();
});

describe('the sandbox admin commands', () => {
  it('sandbox force-status DENIED puts the saved member in DENIED, and the receiver gets CONNECTION_STATUS DENIED', async () => {
    const result = await cli(['sandbox', 'force-status', 'DENIED']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(`${member} is now DENIED.`);
    await until(() => receiver.received.some((r) => r.body.connection_status === 'DENIED'), receiver);
    const denied = receiver.received.find((r) => r.body.connection_status === 'DENIED')!;
    expect(denied.body).toMatchObject({ type: 'CONNECTION_STATUS', action: 'CHANGED', member_guid: member });
    const status = await cli(['status', '--json']);
    expect(JSON.parse(status.stdout).connection_status).toBe('DENIED');
  });

  it('trigger CONNECTION_STATUS fires one for the saved member now; --member and --action pick another', async () => {
    const before = receiver.received.length;
    const result = await cli(['trigger', 'CONNECTION_STATUS']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Fired CONNECTION_STATUS \\(CHANGED\\) for ${member}: event WHK-[\\w-]+, (pending|delivered)\\n$`));
    const json = await cli(['trigger', 'member', '--member', member, '--action', 'deleted', '--json']);
    expect(json.exitCode, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).event).toMatchObject({ type: 'MEMBER', action: 'deleted', member_guid: member });
    await until(() => receiver.received.length >= before + 2, receiver);
    expect(receiver.received.slice(before).map((r) => `${r.body.type}:${r.body.action}`)).toEqual(['CONNECTION_STATUS:CHANGED', 'MEMBER:deleted']);
  });

  it('sandbox events lists every delivery with its state and attempts; --json gives the log; resend queues one again', async () => {
    // The receiver has a webhook before the sandbox logs its answer: wait for the log to say delivered.
    await remoteLogWhen(target, (log) => log.length >= 7 && log.every((e) => e.state === 'delivered'));
    const table = await cli(['sandbox', 'events']);
    expect(table.exitCode, table.stderr).toBe(0);
    const rows = table.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^EVENT +TYPE +ACTION +MEMBER +STATE +ATTEMPTS$/);
    expect(rows.slice(1).every((row) => new RegExp(`^WHK-\\S+ +\\S+ +\\S+ +${member} +delivered +1 \\(last 204\\)$`).test(row))).toBe(true);
    const { events } = JSON.parse((await cli(['sandbox', 'events', '--json'])).stdout);
    expect(events).toHaveLength(rows.length - 1);
    expect(events).toHaveLength(receiver.received.length);
    const first = events[0];
    const before = receiver.received.length;
    const resent = await cli(['sandbox', 'events', 'resend', first.id]);
    expect(resent.exitCode, resent.stderr).toBe(0);
    expect(resent.stdout).toMatch(new RegExp(`^Queued ${first.id} \\(${first.type}\\) again: (pending|delivered)\\.\\n$`));
    await until(() => receiver.received.length > before, receiver);
    expect(receiver.received.at(-1)!.raw).toBe(receiver.received[0]!.raw);
  });

  it('sandbox advance moves the sandbox clock and prints its new time', async () => {
    const first = await cli(['sandbox', 'advance', '10m', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const { clock } = JSON.parse(first.stdout);
    const second = await cli(['sandbox', 'advance', '90s']);
    expect(second.exitCode, second.stderr).toBe(0);
    const now = /^Sandbox time is now (\S+) \((\d+(?:\.\d+)?[ms]) ahead of this machine's clock\)\.$/.exec(second.stdout.trim());
    expect(now, second.stdout).not.toBeNull();
    expect(Date.parse(now![1]!) - Date.parse(clock.now)).toBeGreaterThanOrEqual(90_000);
    expect(now![2]).toBe(`${(clock.offset_ms + 90_000) / 1000}s`);
  });

  it('every body the sandbox delivered here is valid against the schemas written from MX pages', () => {
    expect(receiver.received.length).toBeGreaterThan(5);
    for (const r of receiver.received) expect(webhookErrors(r.body), r.raw).toEqual([]);
  });

  it('bad input is one sentence: an unknown member or event is exit 2, a bad duration exit 2', async () => {
    const unknown = await cli(['trigger', 'CONNECTION_STATUS', '--member', 'MBR-00000000-0000-0000-0000-000000000000']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/The sandbox refused it: /);
    const type = await cli(['trigger', 'TRANSFER']);
    expect(type.exitCode).toBe(2);
    expect(type.stderr).toContain('"type" is one of MEMBER, CONNECTION_STATUS');
    const event = await cli(['sandbox', 'events', 'resend', 'WHK-nope']);
    expect(event.exitCode).toBe(2);
    const duration = await cli(['sandbox', 'advance', 'soon']);
    expect(duration.exitCode).toBe(2);
    expect(duration.stderr).toContain('sandbox advance takes a duration such as 30s, 5m or 500ms, not "soon".');
  });
});

describe('a member the sandbox does not have is named, typed (exit 2) or saved (exit 3)', () => {
  it('--member M unknown: the sentence names M; a saved member deleted since: exit 3 naming it and the profile', async () => {
    const typed = 'MBR-00000000-0000-0000-0000-000000000000';
    const unknown = await cli(['sandbox', 'force-status', 'DENIED', '--member', typed]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain(`The sandbox refused it: it has no member ${typed}.`);
    const gone = (args: string[]) => runCli(args, { configDir: `${root}/gone`, env: { ...env, MX_IAV_CREDENTIAL_LOGIN: 'mxuser', MX_IAV_CREDENTIAL_PASSWORD: 'password' } });
    const verify = await gone(['verify', '--no-input', '--json', '--institution', 'mxbank', '--select-account', 'first']);
    expect(verify.exitCode, verify.stderr).toBe(0);
    const { user_guid: user, member_guid: saved } = JSON.parse(verify.stdout);
    const deleted = await fetch(`${target.url}/users/${user}/members/${saved}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${target.clientId}:${target.apiKey}`).toString('base64')}`, 'accept-version': 'v20250224', accept: 'application/json' },
    });
    expect(deleted.status).toBeLessThan(300);
    const result = await gone(['trigger', 'CONNECTION_STATUS']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`The sandbox at ${target.url} has no member ${saved}, the one saved in profile "default".`);
    expect(result.stderr).toContain('Verify one again (mx-iav verify), or pass --member MBR-...');
  });
});

describe('the admin commands refuse what is not a running mx-iav sandbox', () => {
  it('MX itself: exit 3 before anything is sent', async () => {
    const result = await runCli(['sandbox', 'advance', '10m', '--env', 'development'], {
      configDir: `${root}/mx`,
      env: { MX_CLIENT_ID: 'client', MX_API_KEY: 'real-key-canary', HTTPS_PROXY: 'http://127.0.0.1:9' },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('`mx-iav sandbox advance` works with an mx-iav sandbox, and this connection is MX development (https://int-api.mx.com)');
    expect(result.stderr).not.toContain('real-key-canary');
  });

  it('no sandbox configured (the built-in one lasts one command): exit 3', async () => {
    const result = await runCli(['trigger', 'MEMBER'], { configDir: `${root}/none` });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain("`mx-iav trigger` needs a running sandbox's URL, and none is configured");
  });

  it('a loopback server that is not a sandbox: exit 3 naming it; nothing listening: exit 4', async () => {
    const seen: IncomingMessage[] = [];
    const other = createServer((req, res) => {
      seen.push(req);
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const result = await runCli(['sandbox', 'events', '--base-url', url], { configDir: `${root}/other` });
    await new Promise<void>((resolve) => other.close(() => resolve()));
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`${url} is not an mx-iav sandbox with webhooks (GET /_sandbox/clock answered 404 without JSON)`);
    expect(seen.map((req) => req.url)).toEqual(['/_sandbox/clock']);
    const gone = await runCli(['sandbox', 'events', '--base-url', url], { configDir: `${root}/other` });
    expect(gone.exitCode).toBe(4);
    expect(gone.stderr).toContain(`Nothing answered at ${url} (ECONNREFUSED), so no sandbox is running there.`);
  });
});
