import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { acquireLock } from '../../src/store/lock.js';
import { formatHint } from '../../src/session/next-steps.js';
import { tempDir } from '../helpers/temp-dir.js';

// The profile lock against holders planted the way another mx-iav would have left them: a lock file holding the
// owner's pid, host and process start time (field 22 of /proc/PID/stat, as lock.ts records it).

const root = tempDir('mx-iav-lock-');
let count = 0;
const freshLock = () => {
  const dir = join(root, `case-${(count += 1)}`);
  mkdirSync(dir, { recursive: true });
  return join(dir, 'default.lock');
};

const startTimeOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
};

interface Planted {
  pid: number;
  host?: string;
  start?: string | null;
}
function plant(path: string, { pid, host = hostname(), start = null }: Planted) {
  const since = '2026-01-02T03:04:05.000Z';
  writeFileSync(path, JSON.stringify({ pid, host, start, command: 'mx-iav verify', since, nonce: `planted-${pid}` }), { mode: 0o600 });
}
const holderPid = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { pid: number }).pid;

/** The error acquireLock throws, or a failure when it took the lock. */
function refusal(path: string): CliError {
  let lock: { release(): void } | undefined;
  try {
    lock = acquireLock(path, 'default', 'mx-iav verify');
  } catch (error) {
    return error as CliError;
  }
  lock.release();
  throw new Error(`The lock was taken over from pid ${holderPid(path)}`);
}

let live: ChildProcess;
let deadPid: number;
beforeAll(async () => {
  live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await once(live, 'spawn');
  // A process that has exited, so its pid is free (the kernel hands pids out in increasing order, not at once again).
  deadPid = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
});
afterAll(() => {
  live.kill('SIGKILL');
});

describe('the profile lock with a planted holder', () => {
  it('takes over a lock whose process is gone, and releases it', () => {
    const path = freshLock();
    plant(path, { pid: deadPid, start: '12345' });
    const lock = acquireLock(path, 'default', 'mx-iav verify');
    expect(holderPid(path)).toBe(process.pid);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a lock whose process is running, exit 3, naming it in one sentence', () => {
    const path = freshLock();
    plant(path, { pid: live.pid!, start: startTimeOf(live.pid!) });
    const error = refusal(path);
    expect(error).toBeInstanceOf(CliError);
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('profile_busy');
    expect(error.message).toBe(
      `The profile "default" is in use by process ${live.pid} (mx-iav verify, since 03:04:05 UTC): mx-iav lets one run at a time change a profile.`,
    );
    expect(formatHint(error.hint)).toBe('Wait for it to finish, or use another profile (--profile NAME).');
    expect(holderPid(path)).toBe(live.pid);
  });

  it('refuses a running holder that recorded no start time (no /proc where it ran): it cannot be told from a reuse', () => {
    const path = freshLock();
    plant(path, { pid: live.pid!, start: null });
    expect(refusal(path).exitCode).toBe(3);
  });

  it('takes over a lock whose pid now belongs to another program (same pid, another start time)', () => {
    const path = freshLock();
    const other = String(Number(startTimeOf(live.pid!)) + 1);
    plant(path, { pid: live.pid!, start: other });
    const lock = acquireLock(path, 'default', 'mx-iav verify');
    expect(holderPid(path)).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock held on another host, even for a pid gone here: it cannot be checked from this machine', () => {
    const path = freshLock();
    plant(path, { pid: deadPid, host: 'build-agent-7.example', start: '12345' });
    const error = refusal(path);
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(
      `The profile "default" is in use by process ${deadPid} on build-agent-7.example (mx-iav verify, since 03:04:05 UTC): mx-iav lets one run at a time change a profile.`,
    );
    expect(holderPid(path)).toBe(deadPid);
  });

  it('takes over a lock file that is not one mx-iav wrote', () => {
    const path = freshLock();
    writeFileSync(path, 'not json');
    const lock = acquireLock(path, 'default', 'mx-iav verify');
    expect(holderPid(path)).toBe(process.pid);
    lock.release();
  });
});
