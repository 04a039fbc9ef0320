import type { Clock } from '../../src/flow/ports.js';

/**
 * A run's clock whose sleeps take no time: each moves the clock's own time on by what was asked and returns on the
 * next turn of the event loop. A run given it (runCli's `clock`) reaches its `--timeout` as soon as its polls add
 * up to it, so a test of what happens at the timeout waits for nothing but the requests themselves.
 */
export function steppingClock(startMs = Date.now()): Clock {
  let now = startMs;
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        now += ms;
        setImmediate(resolve);
      }),
  };
}
