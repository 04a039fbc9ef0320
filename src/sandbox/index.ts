import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from './bank/app.js';
import { Clock, type ClockFn } from './bank/clock.js';
import { Faults } from './http/faults.js';
import { fileFailure } from './bank/failures.js';
import { listenFailure, listenHost } from './http/host.js';
import { accountRoutes } from './http/routes/accounts.js';
import { institutionRoutes } from './http/routes/institutions.js';
import { memberJobRoutes } from './http/routes/member-jobs.js';
import { memberRoutes } from './http/routes/members.js';
import { microDepositRoutes } from './http/routes/micro-deposits.js';
import { oauthRoutes } from './http/routes/oauth.js';
import { paymentJobRoutes } from './http/routes/payment-jobs.js';
import { userRoutes } from './http/routes/users.js';
import { widgetUrlRoutes } from './http/routes/widget-urls.js';
import { mergeRoutes } from './http/router.js';
import { createRequestHandler } from './http/server.js';
import { statusChanges, Traffic } from './http/traffic.js';
import { presentEndpoint } from './http/webhooks/endpoints.js';
import { configureWebhooks, type WebhookOptions } from './http/webhooks/setup.js';
import { configureWidgets } from './http/widget/sessions.js';
import type { MemberStatusChange, RequestLogEntry, SandboxStats } from './http/traffic.js';

export { TEST_LOGINS } from './bank/test-logins.js';
export { MICRO_DEPOSIT_TEST_INPUTS } from './bank/micro-deposits/rules.js';
export type { TestLoginRow } from './bank/test-logins.js';
export type { MemberStatusChange, RequestLogEntry, SandboxStats } from './http/traffic.js';

/** Fixed and public on purpose: the sandbox only listens on loopback by default and guards nothing real. */
export const SANDBOX_CLIENT_ID = 'mx-iav-sandbox';
export const SANDBOX_API_KEY = 'sandbox-not-a-secret';

export interface SandboxOptions extends WebhookOptions {
  host?: string;
  port?: number;
  clientId?: string;
  apiKey?: string;
  /** Duration of each job step; 0 makes every job reach its next stopping point on the next read. */
  jobMs?: number;
  /** An unanswered challenge turns EXPIRED after this long. */
  challengeExpiryMs?: number;
  /** A micro-deposit turns DEPOSITED this long after its create (default two minutes, as at MX's integration environment). */
  microDepositDelayMs?: number;
  /** Adds a uniform random delay of 0..latencyMs to MX responses. */
  latencyMs?: number;
  /** 0..1: answer 500 or 503 (half of them after carrying the request out). */
  failRate?: number;
  /** 0..1: answer 429 with Retry-After, before doing anything. */
  throttleRate?: number;
  /** 0..1: drop the connection without answering (half of them after carrying the request out). */
  resetRate?: number;
  /** Makes guids, numbers and fault decisions reproducible. */
  seed?: number;
  /** Load state from this file at start and save it after every change. */
  statePath?: string;
  /** Append every exchange to this file as JSON lines (default: $MX_IAV_SANDBOX_RECORD; '' records nothing). */
  recordPath?: string;
  /**
   * Serve a request without Accept-Version as v20111101 (when its Accept names MX's vendor media type), as MX did
   * until August 12, 2026. Off by default because MX now requires the header, so a client that forgets it must
   * fail here as it would at MX; on for tools written before the cutover that cannot send the header.
   */
  legacyAccept?: boolean;
  /** The clock the sandbox's time starts from (default Date.now); `/_sandbox/clock/advance` adds to it. */
  now?: ClockFn;
  /** How long a widget URL lives unused (default ten minutes, as MX's); tests shorten it. */
  widgetUrlTtlMs?: number;
}

export interface Sandbox {
  url: string;
  /** The address it listens on, as checked (brackets of an IPv6 address taken off). */
  host: string;
  /** Whether requests without Accept-Version are served as v20111101 (SandboxOptions.legacyAccept). */
  legacyAccept: boolean;
  clientId: string;
  apiKey: string;
  stats(): SandboxStats;
  /** Every MX request seen by this process, in order. */
  requests(): RequestLogEntry[];
  /** Every connection-status change, timed when it took effect (not when it was read). */
  statusChanges(): MemberStatusChange[];
  /** The sandbox's time: the injected clock plus every advance. */
  now(): number;
  /** Moves the sandbox's time forward: due job steps, challenge expiries and webhook retries then happen. */
  advance(ms: number): void;
  /** Calls `listener` after each webhook event is logged and each attempt recorded; answers how to stop. */
  onWebhookLog(listener: () => void): () => void;
  /** The webhook endpoints, as the admin route shows them (no user info). */
  webhookEndpoints(): { id: string; url: string; type: string | null }[];
  /** Aborted, with a one-sentence ConfigError as its reason, when the state file could not be written. */
  failed: AbortSignal;
  /** Stops serving; rejects with the write failure, if there was one, once the server is closed. */
  close(): Promise<void>;
}

/**
 * The base URL a client uses. A wildcard address (0.0.0.0, ::) is where the server listens, not an address to send
 * to: the same machine reaches it on loopback, which is also the only plain-http address mx-iav accepts.
 */
export function clientUrl(host: string, port: number): string {
  const wildcard = /^(0\.0\.0\.0|::|(0{1,4}:){7}0{1,4}|::0)$/.test(host);
  const address = wildcard ? (host.includes(':') ? '::1' : '127.0.0.1') : host;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** Every MX route the sandbox serves; fixed, so built once. */
const routes = mergeRoutes(userRoutes, institutionRoutes, memberRoutes, memberJobRoutes, accountRoutes, oauthRoutes, widgetUrlRoutes, paymentJobRoutes, microDepositRoutes);

async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenFailure(error, host, port)));
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = listenHost(options.host);
  const clientId = options.clientId ?? SANDBOX_CLIENT_ID;
  const apiKey = options.apiKey ?? SANDBOX_API_KEY;
  const failed = new AbortController();
  const clock = new Clock(options.now);
  const app = newApp(options, clientId, clock, failed);
  const webhooks = configureWebhooks(app, options);
  // Written once before listening, so a state file that cannot be kept stops the start, before anything is served.
  app.flush();
  const faults = faultsOf(options);
  const traffic = openTraffic(options.recordPath ?? process.env.MX_IAV_SANDBOX_RECORD, () => clock.now());
  const legacyAccept = options.legacyAccept ?? false;
  const closing = new AbortController();
  const server = createServer(createRequestHandler({ app, webhooks, routes, faults, traffic, clientId, apiKey, legacyAccept, closing: closing.signal }));

  app.url = clientUrl(host, await listen(server, host, options.port ?? 0));
  webhooks.start();

  return {
    url: app.url,
    host,
    legacyAccept,
    clientId,
    apiKey,
    stats: () => traffic.stats(app),
    requests: () => traffic.requests(),
    statusChanges: () => statusChanges(app),
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    onWebhookLog: (listener) => webhooks.deliveries.onChange(listener),
    webhookEndpoints: () => webhooks.endpoints.list().map(presentEndpoint),
    failed: failed.signal,
    close: async () => {
      // The server closes even when the last write fails, so a process never outlives its error.
      let lastWrite: unknown = null;
      try {
        app.flush();
      } catch (error) {
        lastWrite = error;
      }
      closing.abort();
      webhooks.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (failed.signal.aborted) throw failed.signal.reason;
      if (lastWrite !== null) throw lastWrite;
    },
  };
}

function newApp(options: SandboxOptions, clientId: string, clock: Clock, failed: AbortController): App {
  const app = new App({
    clock,
    seed: options.seed,
    clientId,
    jobMs: options.jobMs ?? 1000,
    challengeExpiryMs: options.challengeExpiryMs ?? 10 * 60 * 1000,
    microDepositDelayMs: options.microDepositDelayMs,
    statePath: options.statePath,
    onWriteFailure: (failure) => failed.abort(failure),
  });
  return configureWidgets(app, options.widgetUrlTtlMs);
}

function faultsOf(options: SandboxOptions): Faults {
  const { latencyMs = 0, failRate = 0, throttleRate = 0, resetRate = 0 } = options;
  return new Faults({ latencyMs, failRate, throttleRate, resetRate }, options.seed);
}

function openTraffic(recordPath: string | undefined, now: () => number): Traffic {
  try {
    return new Traffic(recordPath, now);
  } catch (error) {
    throw fileFailure('write its recording to', recordPath ?? '', error, 'MX_IAV_SANDBOX_RECORD');
  }
}
