import { setTimeout as sleep } from 'node:timers/promises';
import { Random } from '../bank/random.js';
import type { FaultKind } from './traffic.js';

export interface FaultOptions {
  latencyMs: number;
  failRate: number;
  throttleRate: number;
  resetRate: number;
}

export interface FaultPlan {
  kind: FaultKind | null;
  /**
   * For errors and resets: the request is carried out before the failure, so the client cannot know whether
   * its request took effect. This is what makes idempotent retries necessary against a real API.
   */
  afterProcessing: boolean;
  status: 500 | 503;
  retryAfterSeconds: number;
  delayMs: number;
}

/** Decides each request's fault. Its own random stream, so turning a knob never changes the guids minted. */
export class Faults {
  private readonly random: Random;

  constructor(
    private readonly options: FaultOptions,
    seed: number | undefined,
  ) {
    this.random = Random.seeded(seed === undefined ? undefined : (seed ^ 0x5bd1e995) >>> 0);
  }

  decide(): FaultPlan {
    // Always draw the same number of values, so one knob's decisions do not shift another's.
    const [reset, throttle, fail, ambiguous, which, retry, delay] = Array.from({ length: 7 }, () => this.random.next());
    const o = this.options;
    const kind: FaultKind | null =
      (reset ?? 1) < o.resetRate ? 'reset' : (throttle ?? 1) < o.throttleRate ? 'throttle' : (fail ?? 1) < o.failRate ? 'error' : null;
    return {
      kind,
      afterProcessing: kind !== 'throttle' && (ambiguous ?? 0) < 0.5,
      status: (which ?? 0) < 0.5 ? 500 : 503,
      retryAfterSeconds: (retry ?? 0) < 0.5 ? 0 : 1,
      delayMs: o.latencyMs > 0 ? Math.round((delay ?? 0) * o.latencyMs) : 0,
    };
  }
}

/** Waits out an added latency; false when the sandbox is closing meanwhile, which must not wait for the timer. */
export async function waitOut(delayMs: number, closing: AbortSignal): Promise<boolean> {
  try {
    await sleep(delayMs, undefined, { signal: closing });
    return true;
  } catch {
    return false;
  }
}
