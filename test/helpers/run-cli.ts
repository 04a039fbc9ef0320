import { runMxIav } from '../../src/cli/run.js';
import { InterruptedError } from '../../src/errors.js';
import { memoryIo } from './memory-io.js';
import type { Clock } from '../../src/flow/ports.js';
import { spawnCli, type CliOptions, type CliResult } from './spawn-cli.js';

export { BIN, type CliOptions, type CliResult } from './spawn-cli.js';

// What a spawned run got from the test process's environment that a run in-process needs too: programs on PATH, a
// home and temp directory, CI as the test runner sees it, and where `npm test` has the sandbox record its exchanges.
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'CI', 'MX_IAV_SANDBOX_RECORD'];
// A run that does not end this long after its timeout aborted it is reported as a killed process would be.
const STOP_GRACE_MS = 5_000;

/**
 * mx-iav as CI runs it (no terminal, its own config directory, no colours), in this process: src/cli/run.ts with
 * memory streams. Resolves as the spawned run did; past timeoutMs the run is aborted as Ctrl-C would.
 */
export async function runCli(args: string[], options: CliOptions & { clock?: Clock }): Promise<CliResult> {
  const passed = Object.fromEntries(PASSED_THROUGH.map((name) => [name, process.env[name]]));
  const io = memoryIo({
    env: { ...passed, MX_IAV_CONFIG_DIR: options.configDir, MX_IAV_SANDBOX_JOB_MS: '0', NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    ...(options.clock && { clock: options.clock }),
  });
  const controller = new AbortController();
  const timers: ReturnType<typeof setTimeout>[] = [];
  const killed = new Promise<null>((resolve) => {
    timers.push(setTimeout(() => {
      controller.abort(new InterruptedError('Interrupted.'));
      timers.push(setTimeout(() => resolve(null), STOP_GRACE_MS));
    }, options.timeoutMs ?? 30_000));
  });
  try {
    const exitCode = await Promise.race([runMxIav(args, io, controller.signal), killed]);
    return { exitCode, stdout: io.stdoutText(), stderr: io.stderrText() };
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
}

/**
 * The built binary in a child process, for what only a process shows: its real exit code and signals, a terminal,
 * stdin tricks (FIFOs), npx and the tarball, and two runs with their own pids (the profile lock is per process).
 */
export function runCliProcess(args: string[], options: CliOptions): Promise<CliResult> {
  return spawnCli(args, options).result;
}

/** A stack trace shows as "    at fn (file:line:col)" lines. */
export const hasStackTrace = (text: string) => /^\s+at .+:\d+:\d+\)?$/m.test(text);
