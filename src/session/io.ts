// What a run of mx-iav reads and writes through: its streams, environment and clock. main.ts hands a run the
// process's own (processIo); tests hand it memory streams and an env object, so most of them run in-process.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../flow/ports.js';

/** A stream written to; isTTY and columns as a terminal's stream has them, absent on a pipe or in memory. */
export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
/** A stream read from; destroyed once read to its end, so a pipe left open cannot keep the run alive. */
export type InStream = NodeJS.ReadableStream & { isTTY?: boolean; destroy(): void };

export interface Io {
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  /** The script the run was started as (process.argv[1]): it tells `npx mx-iav` from `mx-iav` in hints. */
  scriptPath: string;
  clock: Clock;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

export function processIo(): Io {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    scriptPath: process.argv[1] ?? '',
    clock: realClock,
  };
}
