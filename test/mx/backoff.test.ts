import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from '../../src/mx/backoff.js';

const settings = { limit: 4, baseDelayMs: 250, maxDelayMs: 8000 };

describe('backoff', () => {
  it('draws full jitter below a doubling ceiling capped at maxDelayMs', () => {
    for (const [retry, ceiling] of [[0, 250], [1, 500], [3, 2000], [5, 8000], [40, 8000]] as const) {
      const samples = Array.from({ length: 400 }, () => retryDelayMs(settings, retry, null));
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...samples)).toBeLessThanOrEqual(ceiling);
      expect(Math.max(...samples)).toBeGreaterThan(ceiling / 2); // spread over the range, not pinned at 0
    }
  });

  it('prefers Retry-After, capped at maxDelayMs', () => {
    expect(retryDelayMs(settings, 0, 3000)).toBe(3000);
    expect(retryDelayMs(settings, 0, 3_600_000)).toBe(8000);
    expect(retryDelayMs(settings, 0, -5)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
