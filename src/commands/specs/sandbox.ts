// `mx-iav sandbox` serves one; its subcommands drive a running one through its admin routes (sandbox-target.ts).
import { defineCommand, defineOptions } from '../../session/command-spec.js';
import { memberOption } from './shared.js';

export const sandboxOptions = defineOptions({
  host: { flags: '--host <host>', description: 'address to listen on', default: '127.0.0.1' },
  port: { flags: '--port <n>', description: 'port (0 picks a free one)', default: '4010' },
  // Filed by commander under the program's options of the same name; listed here for `sandbox --help` (commands/sandbox.ts).
  clientId: { flags: '--client-id <id>', description: 'client id the sandbox accepts (default mx-iav-sandbox)' },
  apiKey: { flags: '--api-key <key>', description: 'API key the sandbox accepts (default sandbox-not-a-secret; visible in the process list)' },
  jobMs: { flags: '--job-ms <ms>', description: 'duration of each job step', default: '1000' },
  microDepositDelayMs: { flags: '--micro-deposit-delay-ms <ms>', description: 'how long a micro-deposit takes to be DEPOSITED (MX: two minutes)', default: '120000' },
  latency: { flags: '--latency <ms>', description: 'added response latency (random up to this)', default: '0' },
  failRate: { flags: '--fail-rate <p>', description: 'share of requests answered 500/503', default: '0' },
  throttleRate: { flags: '--throttle-rate <p>', description: 'share of requests answered 429 with Retry-After', default: '0' },
  resetRate: { flags: '--reset-rate <p>', description: 'share of connections reset', default: '0' },
  seed: { flags: '--seed <n>', description: 'reproducible guids, numbers and faults' },
  // MX has required Accept-Version on every call since August 12, 2026 and refuses a request without it (406); before
  // that date the legacy `Accept: application/vnd.mx.api.v1+json` alone chose v20111101. Tools written before the
  // cutover (older SDKs, scripts) can still be pointed at this sandbox with the flag.
  legacyAccept: { flags: '--legacy-accept', description: 'serve requests without Accept-Version as v20111101 (MX before August 12, 2026)' },
  webhookUrl: {
    flags: '--webhook-url <url>',
    description: 'POST MX-shaped webhooks here (repeatable; TYPE=URL for one type; user:pass@ is Basic auth)',
    repeatable: true,
  },
  webhookBearerToken: {
    flags: '--webhook-bearer-token <token>',
    description: 'send Authorization: Bearer TOKEN to webhook URLs without user info (visible in the process list)',
  },
  webhookTimeout: { flags: '--webhook-timeout <ms>', description: 'a webhook attempt with no answer in this long is retried', default: '10000' },
  webhookQueueLimit: { flags: '--webhook-queue-limit <n>', description: 'most webhooks waiting for delivery; past it the oldest waiting one is dropped', default: '10000' },
  // MX's widget URLs live ten minutes; a shorter life lets a test see one expire.
  widgetUrlTtlMs: { flags: '--widget-url-ttl-ms <ms>', description: 'how long a widget URL lives unused', default: '600000' },
});

export const forceStatusOptions = defineOptions({
  ...memberOption,
  challengeType: { flags: '--challenge-type <type>', description: 'with CHALLENGED: TEXT, OPTIONS, IMAGE, IMAGE_OPTIONS or TOKEN' },
});

export const sandboxCommand = defineCommand({
  name: 'sandbox',
  description: 'serve the MX-compatible sandbox and print the lines to export',
  options: sandboxOptions,
  lock: true,
  load: () => import('../sandbox.js'),
  commands: [
    defineCommand({
      name: 'advance',
      description: "move the running sandbox's clock on (challenge expiry, job steps, webhook retries) and print its time",
      arguments: [{ name: '<duration>', description: 'how far: 10m, 90s, 2h' }],
      lock: true,
      load: () => import('../sandbox-advance.js'),
    }),
    defineCommand({
      name: 'events',
      description: "list the running sandbox's webhook deliveries: event, type, action, member, state, attempts",
      lock: true,
      load: () => import('../sandbox-events.js'),
      commands: [
        defineCommand({
          name: 'resend',
          description: 'queue a logged webhook event for delivery again',
          arguments: [{ name: '<id>', description: 'the event id (WHK-...)' }],
          lock: true,
          load: async () => ({ run: (await import('../sandbox-events.js')).resend }),
        }),
      ],
    }),
    defineCommand({
      name: 'force-status',
      description: "put the saved (or --member) member into a connection status now; the sandbox sends that change's webhooks",
      arguments: [{ name: '<status>', description: 'DENIED, EXPIRED, DISCONNECTED, CHALLENGED, ...' }],
      options: forceStatusOptions,
      lock: true,
      load: () => import('../sandbox-force-status.js'),
    }),
  ],
});
