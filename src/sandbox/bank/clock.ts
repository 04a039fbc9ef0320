/** Milliseconds since the epoch, as Date.now() gives them; a test injects its own to freeze or script time. */
export type ClockFn = () => number;

/**
 * The sandbox's time: the injected (or real) clock plus an offset that only grows. Everything time-based (job steps,
 * challenge expiry, webhook retries) reads `now()`, so advancing the offset makes what was due happen, the way a
 * Stripe test clock does, without anyone waiting.
 */
export class Clock {
  private offset = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly base: ClockFn = Date.now) {}

  now(): number {
    return this.base() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Moves time forward and tells the listeners (the webhook scheduler), so due work runs at once. */
  advance(ms: number): void {
    this.offset += ms;
    for (const listener of this.listeners) listener();
  }

  /** Picks up the offset a saved state was left at, so a restart does not move time back behind its jobs. */
  resume(offsetMs: number): void {
    if (Number.isFinite(offsetMs) && offsetMs > this.offset) this.offset = offsetMs;
  }

  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ['ms', 1],
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
  ['d', 86_400_000],
]);

/** Longest single advance: a year is far beyond any schedule the sandbox keeps, and keeps dates in range. */
export const MAX_ADVANCE_MS = 366 * 86_400_000;

/** "90s", "10m", "2h", "1d", "250ms" or a combination such as "1h30m"; null when it is not one. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(amount) * (UNIT_MS.get(unit ?? '') ?? 0);
  }
  return Math.round(total);
}
