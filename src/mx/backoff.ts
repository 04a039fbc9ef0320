import { setTimeout as delay } from 'node:timers/promises';

export interface RetrySettings {
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { limit: 4, baseDelayMs: 250, maxDelayMs: 8000 };

/**
 * Capped exponential backoff with full jitter (uniform in [0, min(max, base·2^n)]), so many clients failing at once
 * spread out instead of retrying in lock-step. A server-given Retry-After wins, capped at maxDelayMs so a bad header
 * cannot park the CLI for an hour.
 */
export function retryDelayMs(settings: RetrySettings, retryNumber: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return Math.min(Math.max(0, retryAfterMs), settings.maxDelayMs);
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(retryNumber, 30));
  return Math.floor(Math.random() * (ceiling + 1));
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Rejects with the signal's reason (the CLI's InterruptedError) as soon as it is aborted. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}
