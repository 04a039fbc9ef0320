import { retryDelayMs, sleep, type RetrySettings } from './backoff.js';
import { MxApiError, MxNetworkError } from './errors.js';
import type { Exchange, RequestSpec, Transport } from './transport.js';

export interface PolicyDeps {
  transport: Transport;
  retry: RetrySettings;
  counters: { retries: number };
  signal?: AbortSignal;
}

/** How a failed write may be handled without risking a second copy of its effect. */
export type WriteFailure =
  | 'rejected' // MX refused it (429) or it never left this machine: resend after a pause
  | 'ambiguous' // timeout, reset or 5xx after sending: MX may have acted; look before resending
  | 'conflict' // 409: another job holds the member; only verify waits for it
  | 'fatal';

export function classifyWriteFailure(error: unknown): WriteFailure {
  if (error instanceof MxNetworkError) return error.requestSent ? 'ambiguous' : 'rejected';
  if (error instanceof MxApiError) {
    if (error.status === 429) return 'rejected';
    if (error.status >= 500) return 'ambiguous';
    if (error.status === 409) return 'conflict';
  }
  return 'fatal';
}

function isRetryableRead(error: unknown): boolean {
  return error instanceof MxNetworkError || (error instanceof MxApiError && (error.status === 429 || error.status >= 500));
}

const waitBeforeRetry = (deps: PolicyDeps, retryNumber: number, error: unknown): Promise<void> =>
  sleep(retryDelayMs(deps.retry, retryNumber, error instanceof MxApiError ? error.retryAfterMs : null), deps.signal);

async function pause(deps: PolicyDeps, retryNumber: number, error: unknown): Promise<void> {
  deps.counters.retries += 1;
  await waitBeforeRetry(deps, retryNumber, error);
}

/** GETs change nothing, so network errors, 429 and 5xx are simply retried with backoff. */
export async function readWithRetry(deps: PolicyDeps, spec: RequestSpec): Promise<Exchange> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.transport.send(spec, attempt);
    } catch (error) {
      if (attempt > deps.retry.limit || !isRetryableRead(error)) throw error;
      await pause(deps, attempt - 1, error);
    }
  }
}

export interface WriteHandlers<T> {
  /**
   * Called after an ambiguous failure, once the backoff pause is over (so a slow MX has had time to finish):
   * find out whether the write took effect. Return `{ value }` to answer with it, or 'retry' to resend.
   */
  onAmbiguous?: (error: unknown) => Promise<{ value: T } | 'retry'>;
  /** Wait and resend on 409 (verify: another job is running on the member). */
  retryConflict?: boolean;
}

/** POST/PUT/DELETE: never resent blindly; an ambiguous failure is resent only if `onAmbiguous` says so. */
export async function writeWithPolicy<T>(
  deps: PolicyDeps,
  attemptOnce: (attempt: number) => Promise<T>,
  handlers: WriteHandlers<T> = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(attempt);
    } catch (error) {
      const failure = classifyWriteFailure(error);
      const handled =
        failure === 'rejected' ||
        (failure === 'ambiguous' && handlers.onAmbiguous !== undefined) ||
        (failure === 'conflict' && handlers.retryConflict === true);
      if (!handled) throw error;
      if (failure === 'ambiguous' && handlers.onAmbiguous) {
        await waitBeforeRetry(deps, attempt - 1, error);
        const found = await handlers.onAmbiguous(error);
        if (found !== 'retry') return found.value;
        if (attempt > deps.retry.limit) throw error;
        deps.counters.retries += 1;
        continue;
      }
      if (attempt > deps.retry.limit) throw error;
      await pause(deps, attempt - 1, error);
    }
  }
}
