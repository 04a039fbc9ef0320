// `mx-iav listen` (Stripe CLI's `listen` is the model): a local receiver printing each MX webhook as it arrives,
// forwarding it unchanged to --forward-to, and with --sandbox registered as one of the sandbox's webhook endpoints
// for as long as it runs.
import { once } from 'node:events';
import type { CommandInput, GlobalOptions } from '../session/command-kit.js';
import { writeErr } from '../session/runtime.js';
import { ConfigError, UsageError } from '../errors.js';
import { forwardWebhook } from '../mx/forward.js';
import { startReceiver, type ReceivedWebhook } from '../webhooks/receiver.js';
import { summarize, webhookJson, webhookLine, type ForwardOutcome } from '../webhooks/format.js';
import { sanitize } from '../ui/sanitize.js';
import { registerWithSandbox } from './listen-sandbox.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { listenOptions } from './specs/tools.js';

type Options = OptionsOf<typeof listenOptions>;

interface Settings {
  port: number;
  path: string | null;
  forwardTo: URL | null;
  basicAuth: string | null;
}

function settingsOf(options: Options, env: GlobalOptions['io']['env']): Settings {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a whole number from 0 to 65535.');
  if (options.path !== undefined && !/^\/[\x21-\x7e]*$/.test(options.path)) throw new UsageError('--path takes a path that starts with /, such as /mx.');
  const basicAuth = options.basicAuth ?? env.MX_IAV_LISTEN_BASIC_AUTH ?? null;
  if (basicAuth !== null && !/^[^:]+:.+$/.test(basicAuth)) throw new UsageError('--basic-auth takes USER:PASSWORD.');
  return { port, path: options.path ?? null, forwardTo: forwardTarget(options.forwardTo), basicAuth };
}

function forwardTarget(value: string | undefined): URL | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError('--forward-to takes an http:// or https:// URL, such as http://localhost:3000/webhooks/mx.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--forward-to takes an http:// or https:// URL.');
  // The webhook's own Authorization header goes on unchanged; a second login in the URL would compete with it.
  if (url.username || url.password) throw new UsageError('--forward-to must not hold a user name or password; the webhook goes on with its own headers.');
  return url;
}

/** One webhook at a time, in the order they came, so the lines (and the forwards) keep MX's order per member. */
function printer(globals: GlobalOptions, forwardTo: URL | null) {
  let queue = Promise.resolve();
  return (webhook: ReceivedWebhook) => {
    queue = queue.then(async () => {
      let forward: ForwardOutcome | undefined;
      if (forwardTo) forward = { url: forwardTo.href, ...(await forwardWebhook(forwardTo, webhook)) };
      const summary = summarize(webhook.payload);
      const line = globals.json ? webhookJson(webhook.receivedAt, summary, webhook.payload, forward) : webhookLine(webhook.receivedAt, summary, forward);
      globals.io.stdout.write(`${line}\n`);
    });
    return queue;
  };
}

/** A port already taken is the user's to change: exit 3, as for the sandbox's own port. */
async function listening<T>(port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new ConfigError(`Port ${port} on 127.0.0.1 is already in use, so mx-iav cannot listen there.`, 'Choose another with --port (0 picks a free one).');
  }
}

export async function run({ options, globals, signal }: CommandInput<Options>) {
  const settings = settingsOf(options, globals.io.env);
  if (options.basicAuth !== undefined) writeErr(globals.io, 'Warning: --basic-auth is visible to other users in the process list; prefer MX_IAV_LISTEN_BASIC_AUTH.');
  const print = printer(globals, settings.forwardTo);
  let pending = Promise.resolve();
  const receiver = await listening(settings.port, () => startReceiver({
    host: '127.0.0.1',
    port: settings.port,
    path: settings.path,
    basicAuth: settings.basicAuth,
    onWebhook: (webhook) => (pending = print(webhook)),
    onRefused: (refusal) => writeErr(globals.io, `${refusal.receivedAt.toISOString()}  ${sanitize(refusal.reason)}`),
  }));
  let unregister: (() => Promise<void>) | null = null;
  try {
    writeErr(globals.io, `Listening for MX webhooks on ${receiver.url} (Ctrl-C to stop)`);
    if (settings.forwardTo) writeErr(globals.io, `Forwarding each one to ${settings.forwardTo.href}`);
    if (options.sandbox) unregister = await registerWithSandbox(globals, receiver.url, settings.basicAuth);
    if (!signal.aborted) await once(signal, 'abort');
  } finally {
    await unregister?.();
    await receiver.close();
    await pending;
  }
  // Ctrl-C or SIGTERM is how a listener is meant to end: a success (exit 0), said as such.
  writeErr(globals.io, 'Stopped listening.');
}
