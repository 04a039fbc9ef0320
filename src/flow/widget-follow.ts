// The one loop of the widget path: one read per poll interval (MX: at most one every 3 seconds), with the link
// kept alive between reads, until a read gives an answer or the run's deadline passes.
import type { LinkKeeper, WidgetDeps } from './widget-link.js';

export interface FollowTiming {
  /** The whole run's end (clock time), both phases together. */
  deadline: number;
  firstPollDelayMs: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
}

/** Calls `read` at the interval until it returns something; null when the deadline came first. */
export async function readUntil<T>(
  deps: Pick<WidgetDeps, 'clock'>,
  timing: FollowTiming,
  keeper: LinkKeeper | null,
  read: () => Promise<T | undefined>,
): Promise<T | null> {
  const { clock } = deps;
  let nextReadAt = clock.now() + timing.firstPollDelayMs;
  for (;;) {
    timing.signal?.throwIfAborted();
    await keeper?.check();
    const now = clock.now();
    if (now < nextReadAt) {
      // A read that would fall past the deadline is not made: the run ends at its deadline instead.
      if (nextReadAt > timing.deadline) {
        if (timing.deadline > now) await sleep(deps, keeper, timing.deadline - now, timing.signal);
        if (clock.now() >= timing.deadline) return null;
        continue;
      }
      await sleep(deps, keeper, nextReadAt - now, timing.signal);
      continue;
    }
    const found = await read();
    if (found !== undefined) return found;
    // Timed from this read's start, so reads keep at least an interval apart without drifting by each request.
    nextReadAt = now + timing.pollIntervalMs;
    if (clock.now() >= timing.deadline) return null;
  }
}

const sleep = (deps: Pick<WidgetDeps, 'clock'>, keeper: LinkKeeper | null, ms: number, signal?: AbortSignal) =>
  keeper ? keeper.sleep(ms, signal) : deps.clock.sleep(ms, signal);
