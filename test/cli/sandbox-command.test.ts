import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli, type CliResult } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { anyOf, onEvents, waitFor } from '../helpers/wait-for.js';

// `mx-iav sandbox` as a person starts it: the binary in a child process, read from what it prints (issue 11).
const root = tempDir('mx-iav-sandbox-cmd-');
const running: Array<{ child: ReturnType<typeof spawnCli>['child'] }> = [];

interface Started {
  child: ReturnType<typeof spawnCli>['child'];
  result: Promise<CliResult>;
  stdout: () => string;
  stderr: () => string;
  line: (name: string) => string;
}

/** Starts the sandbox and waits for the end of its banner (the scenario table's last row, and the line on stderr) or for it to exit. */
async function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const { child, result } = spawnCli(['sandbox', ...args], { configDir: mkdtempSync(join(root, 'cfg-')), env });
  running.push({ child });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  child.once('exit', () => (exited = true));
  const ready = () => /^harborview_brokerage .*\n/m.test(stdout) && /listening on .*\n/.test(stderr);
  await waitFor(() => exited || ready(), anyOf(onEvents(child.stdout!, 'data'), onEvents(child.stderr!, 'data'), onEvents(child, 'exit')), {
    what: `mx-iav sandbox ${args.join(' ')} to print its banner`,
    signal: AbortSignal.timeout(15_000),
  });
  return {
    child,
    result,
    stdout: () => stdout,
    stderr: () => stderr,
    line: (name) => new RegExp(`^${name}=(.*)$`, 'm').exec(stdout)?.[1] ?? '',
  };
}

const basic = (clientId: string, apiKey: string) => `Basic ${Buffer.from(`${clientId}:${apiKey}`).toString('base64')}`;
const institution = (url: string, authorization: string) =>
  fetch(`${url}/institutions/mxbank`, { headers: { authorization, accept: 'application/json', 'accept-version': 'v20250224' } });

/** The same request, once it is written to the sandbox's socket; `answer` is its status, or 'dropped'. */
async function sentInstitution(url: string, authorization: string): Promise<{ answer: Promise<number | 'dropped'> }> {
  const req = request(`${url}/institutions/mxbank`, { headers: { authorization, accept: 'application/json', 'accept-version': 'v20250224' } });
  const answer = new Promise<number | 'dropped'>((resolve) => {
    req.once('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
    req.once('error', () => resolve('dropped'));
  });
  req.end();
  await once(req, 'finish');
  return { answer };
}

afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('mx-iav sandbox --client-id / --api-key', () => {
  it('accepts the client id and key given after `sandbox`, prints them, and warns about the key in the process list', async () => {
    const sandbox = await start(['--port', '0', '--client-id', 'acme-ci', '--api-key', 'k-123']);
    expect(sandbox.line('MX_CLIENT_ID')).toBe('acme-ci');
    expect(sandbox.line('MX_API_KEY')).toBe('k-123');
    expect(sandbox.stderr()).toContain('Warning: --api-key is visible to other users in the process list');
    const url = sandbox.line('MX_BASE_URL');
    expect((await institution(url, basic('acme-ci', 'k-123'))).status).toBe(200);
    expect((await institution(url, basic('mx-iav-sandbox', 'sandbox-not-a-secret'))).status).toBe(401);
  });

  it('takes them before `sandbox` too, and gives no warning without --api-key', async () => {
    const sandbox = await start(['--port', '0']);
    expect(sandbox.line('MX_API_KEY')).toBe('sandbox-not-a-secret');
    expect(sandbox.stderr()).not.toContain('Warning');
    const before = spawnCli(['--client-id', 'front', 'sandbox', '--port', '0'], { configDir: mkdtempSync(join(root, 'cfg-')) });
    running.push(before);
    let out = '';
    before.child.stdout!.on('data', (chunk) => (out += chunk));
    while (!/^MX_API_KEY=/m.test(out)) await once(before.child.stdout!, 'data');
    expect(out).toContain('MX_CLIENT_ID=front\n');
  });
});

describe('mx-iav sandbox --host', () => {
  it('on 0.0.0.0 prints a base URL mx-iav accepts and warns, in one sentence, that the network can reach it', async () => {
    // --legacy-accept so that `users` below passes whether or not this branch's client sends Accept-Version yet.
    const sandbox = await start(['--port', '0', '--host', '0.0.0.0', '--legacy-accept']);
    const url = sandbox.line('MX_BASE_URL');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = new URL(url).port;
    expect(sandbox.stderr()).toContain(
      `Warning: the sandbox listens on 0.0.0.0:${port}, so anyone who can reach this machine there can use it with the key printed, which is not a secret.\n`,
    );
    expect((await institution(url, basic('mx-iav-sandbox', 'sandbox-not-a-secret'))).status).toBe(200);
    // mx-iav itself takes the printed lines: a command against them succeeds.
    const users = await runCli(['users', '--json'], {
      configDir: mkdtempSync(join(root, 'cfg-')),
      env: { MX_BASE_URL: url, MX_CLIENT_ID: sandbox.line('MX_CLIENT_ID'), MX_API_KEY: sandbox.line('MX_API_KEY') },
    });
    expect(users.stderr).toBe('');
    expect(users.exitCode).toBe(0);
  });

  it('gives no warning on loopback', async () => {
    const sandbox = await start(['--port', '0']);
    expect(sandbox.line('MX_BASE_URL')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.stderr()).toMatch(/^MX sandbox listening on http:\/\/127\.0\.0\.1:\d+ \(Ctrl-C to stop\)\n$/);
  });
});

describe('mx-iav sandbox on a busy port', () => {
  it('says so in one sentence, with exit 3 and no stack', async () => {
    const first = await start(['--port', '0']);
    const port = new URL(first.line('MX_BASE_URL')).port;
    const second = await start(['--port', port]);
    const { exitCode, stdout, stderr } = await second.result;
    expect(exitCode).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `✖ Port ${port} is already in use on 127.0.0.1: another program (perhaps another mx-iav sandbox) is listening there; choose another with --port, or --port 0 for a free one.\n`,
    );
  });
});

describe('mx-iav sandbox with a recording it cannot write', () => {
  it('stops the start in one sentence with exit 3', async () => {
    const blocked = join(mkdtempSync(join(root, 'rec-')), 'file');
    writeFileSync(blocked, '');
    const sandbox = await start(['--port', '0'], { MX_IAV_SANDBOX_RECORD: join(blocked, 'exchanges.jsonl') });
    const { exitCode, stdout, stderr } = await sandbox.result;
    expect(exitCode).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `✖ The sandbox cannot write its recording to ${join(blocked, 'exchanges.jsonl')}: a file stands where a directory is needed; fix that path, or set MX_IAV_SANDBOX_RECORD elsewhere.\n`,
    );
  });
});

describe('stopping mx-iav sandbox', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`on ${signal} drops a request still waiting out --latency, says it stopped and exits 0 at once`, async () => {
      // Seed 3 gives the first request an added latency of about 59 s: stopping must not wait for it.
      const sandbox = await start(['--port', '0', '--latency', '60000', '--seed', '3']);
      const url = sandbox.line('MX_BASE_URL');
      const { answer: pending } = await sentInstitution(url, basic('mx-iav-sandbox', 'sandbox-not-a-secret'));
      const stoppedAt = Date.now();
      sandbox.child.kill(signal);
      const { exitCode, stderr } = await sandbox.result;
      expect(Date.now() - stoppedAt).toBeLessThan(5_000);
      expect(exitCode).toBe(0);
      expect(stderr).toMatch(/\(Ctrl-C to stop\)\nMX sandbox stopped\.\n$/);
      expect(await pending).toBe('dropped');
    });
  }
});
