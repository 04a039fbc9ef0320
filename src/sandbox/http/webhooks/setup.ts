import type { App } from '../../bank/app.js';
import { ApiError } from '../reply.js';
import { UsageError } from '../../../errors.js';
import { makeEndpoint, parseWebhookFlag } from './endpoints.js';
import { DEFAULT_DELIVERY, Webhooks } from './hub.js';

export interface WebhookOptions {
  /** Where to POST webhooks: `URL` for every type, `TYPE=URL` for one; user info in the URL is sent as Basic auth. */
  webhookUrls?: string[];
  /** Sent as `Authorization: Bearer …` to the endpoints given without user info. */
  webhookBearerToken?: string;
  /** A delivery attempt with no answer in this long (real ms) fails and is retried; default 10 000. */
  webhookTimeoutMs?: number;
  /** Most events waiting for delivery before the oldest waiting one is dropped; default 10 000. */
  webhookQueueLimit?: number;
  /** Most delivered or failed events kept in the log; default 1 000. */
  webhookLogLimit?: number;
  /** The waits before each retry (sandbox ms); default MX-like, 12 retries over 24 h (hub.ts). */
  webhookRetryScheduleMs?: readonly number[];
}

/** The sandbox's webhooks, with the endpoints it was started with; observes the app from now on. */
export function configureWebhooks(app: App, options: WebhookOptions): Webhooks {
  const webhooks = new Webhooks(app, {
    schedule: options.webhookRetryScheduleMs ?? DEFAULT_DELIVERY.schedule,
    timeoutMs: options.webhookTimeoutMs ?? DEFAULT_DELIVERY.timeoutMs,
    queueLimit: options.webhookQueueLimit ?? DEFAULT_DELIVERY.queueLimit,
    logLimit: options.webhookLogLimit ?? DEFAULT_DELIVERY.logLimit,
  });
  for (const value of options.webhookUrls ?? []) {
    try {
      const { type, url } = parseWebhookFlag(value);
      const bearer = new URL(url).username === '' ? (options.webhookBearerToken ?? null) : null;
      webhooks.endpoints.add(makeEndpoint(url, type, bearer));
    } catch (error) {
      // The URL may carry a password, so the sentence names the problem, never the value.
      if (error instanceof ApiError || error instanceof TypeError) throw new UsageError(`--webhook-url: ${error instanceof ApiError ? error.message : 'The webhook URL is not a valid URL.'}`);
      throw error;
    }
  }
  app.observer = webhooks;
  app.microDeposits.onChange = (row, action) => webhooks.microDeposit(row, action);
  return webhooks;
}
