import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { onFileChanges, waitFor } from '../helpers/wait-for.js';

const root = tempDir('mx-iav-config-input-');
let count = 0;
const fresh = () => join(root, `case-${(count += 1)}`);

/** The binary with stdin given as a file descriptor or left as a pipe nobody writes to or closes. */
function start(configDir: string, stdin: number | 'pipe') {
  const child = spawn(process.execPath, [BIN, 'config', 'set', 'api-key'], {
    env: { ...process.env, MX_IAV_CONFIG_DIR: configDir, NO_COLOR: '1' },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'close').then(([code]) => ({ code: code as number | null, stderr }));
  return { child, exited, stderr: () => stderr };
}

describe('config set api-key reading stdin', () => {
  it('refuses an endless stdin (/dev/zero) at once, in one sentence (exit 2), and saves nothing', async () => {
    const configDir = fresh();
    const run = start(configDir, openSync('/dev/zero', 'r'));
    const killer = setTimeout(() => run.child.kill('SIGKILL'), 10_000);
    const { code, stderr } = await run.exited;
    clearTimeout(killer);
    expect(code).toBe(2);
    expect(stderr).toContain('The input on stdin is longer than 4096 bytes, far too long for an MX API key.');
    expect((await runCli(['config', 'get', 'api-key'], { configDir })).stdout).toBe('(not set)\n');
  });

  it('hears Ctrl-C while a pipe keeps trickling without ever ending (exit 130)', async () => {
    const configDir = fresh();
    const run = start(configDir, 'pipe');
    const stdin = run.child.stdin!;
    // A write racing the child's exit fails with EPIPE, an error event on our end of the pipe. Unheard, it crashes
    // the whole test run; heard, it is kept so the test can show no write failed before the signal was sent.
    const pipeErrors: string[] = [];
    stdin.on('error', (error: NodeJS.ErrnoException) => pipeErrors.push(error.code ?? error.message));
    let delivered = 0;
    const trickle = setInterval(() => {
      stdin.write('k', (error) => {
        if (!error) delivered += 1;
      });
    }, 20);
    run.child.once('exit', () => clearInterval(trickle));
    const killer = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
    try {
      // Its Ctrl-C handler is in place once it has made its profile directory, before it reads stdin.
      await waitFor(() => existsSync(join(configDir, 'profiles')), onFileChanges(configDir), { what: 'the profile directory' });
      // The pipe is open and still trickling when Ctrl-C comes: several bytes got through and none failed.
      const before = delivered;
      await expect.poll(() => delivered, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 5);
      expect({ pipeErrors, ended: stdin.writableEnded }).toEqual({ pipeErrors: [], ended: false });
      run.child.kill('SIGINT');
      const { code, stderr } = await run.exited;
      expect({ code, stderr }).toMatchObject({ code: 130, stderr: expect.stringContaining('Interrupted.') });
    } finally {
      clearInterval(trickle);
      clearTimeout(killer);
    }
  });

  it('still saves a key piped in, without its line break', async () => {
    const configDir = fresh();
    expect((await runCli(['config', 'set', 'api-key'], { configDir, input: 'piped-key-5c1e\n' })).exitCode).toBe(0);
    const file = JSON.parse(readFileSync(join(configDir, 'profiles', 'default.json'), 'utf8'));
    expect(file.settings.api_key).toBe('piped-key-5c1e');
  });
});

describe('config set api-version', () => {
  it('saves one of the two versions, shown by get and list', async () => {
    const configDir = fresh();
    expect((await runCli(['config', 'set', 'api-version', 'v20111101'], { configDir })).exitCode).toBe(0);
    expect((await runCli(['config', 'get', 'api-version'], { configDir })).stdout).toBe('v20111101\n');
    expect((await runCli(['config', 'list'], { configDir })).stdout).toMatch(/^api-version +v20111101$/m);
    const json = JSON.parse((await runCli(['config', 'list', '--json'], { configDir })).stdout);
    expect(json.settings.api_version).toBe('v20111101');
  });

  it('refuses an unknown version as a usage error naming the two (exit 2)', async () => {
    const result = await runCli(['config', 'set', 'api-version', 'v2024'], { configDir: fresh() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"v2024" is not an MX API version mx-iav speaks.');
    expect(result.stderr).toContain('Use v20250224 or v20111101.');
  });
});
