import { dirname } from 'node:path';
import type { GlobalOptions } from './command-kit.js';
import { resolveConnection, type Connection } from './connection.js';
import { step } from '../next-step.js';
import { formatNextStep } from './next-steps.js';
import type { Io } from './io.js';
import { parseDuration } from './durations.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Clock, ConfirmAnswers, Progress, Prompter, Store } from '../flow/ports.js';
import type { MxClient } from '../mx/client.js';
import { isLoopbackUrl } from '../mx/identifiers.js';
import { proxyFor } from '../mx/proxy-agent.js';
import { configDir, checkProfileName, sandboxStatePath } from '../store/paths.js';
import { openProfileStore, type ProfileStore } from '../store/profile-store.js';
import { prepareOwnDir } from '../store/safe-paths.js';
import type { PresetAnswers } from '../ui/preset-answers.js';
import { sanitizeOutput } from '../ui/sanitize.js';

export interface Runtime {
  globals: GlobalOptions;
  connection: Connection;
  profile: ProfileStore;
  store: Store;
  client: MxClient;
  progress: Progress;
  prompter: Prompter;
  clock: Clock;
  interactive: boolean;
  signal: AbortSignal;
  /** The proxy requests to MX go through (its address without a login), or null for a direct line. */
  proxy: string | null;
  close(): Promise<void>;
}

/** Prompts only where a person can answer: never under --no-input, CI, or without a terminal on both ends. */
export function isInteractive(globals: GlobalOptions): boolean {
  return whyNoPrompts(globals) === undefined;
}

/**
 * Why mx-iav will not prompt, worded to end "…, but <reason>", so a missing answer names the real cause; undefined
 * when it may. CI is a CI system's "true" or name: CI=false, 0 or empty is not one (a developer turning it off).
 */
export function whyNoPrompts(globals: GlobalOptions) {
  const { env, stdin, stdout } = globals.io;
  if (!globals.input) return '--no-input is set';
  const ci = env.CI?.trim().toLowerCase();
  if (ci !== undefined && !['', '0', 'false'].includes(ci)) return 'CI is set';
  if (!stdin.isTTY) return 'stdin is not a terminal';
  if (!stdout.isTTY) return 'stdout is not a terminal';
  return undefined;
}

/** Messages to stderr, through the same sanitizing sink as results (src/ui/sanitize.ts). */
export function writeErr(io: Io, text: string) {
  const clean = sanitizeOutput(text);
  io.stderr.write(clean.endsWith('\n') ? clean : `${clean}\n`);
}

export function debugLine(globals: GlobalOptions, text: string) {
  if (globals.debug) writeErr(globals.io, `debug: ${text}`);
}

export async function openProfile(globals: GlobalOptions): Promise<ProfileStore> {
  return openProfileStore(configDir(globals.io.env), checkProfileName(globals.profile), {
    lock: globals.lock ?? true,
    command: globals.command ? `mx-iav ${globals.command}` : 'mx-iav',
  });
}

/** Everything a command needs, built once from the global options; `signal` aborts on Ctrl-C or SIGTERM. */
export async function openRuntime(
  globals: GlobalOptions,
  signal: AbortSignal,
  presets: PresetAnswers = { credentials: {}, answers: [] },
): Promise<Runtime> {
  if (globals.apiKey) {
    const save = formatNextStep(step('config', 'set', 'api-key'), globals.invocation);
    writeErr(globals.io, `Warning: --api-key is visible to other users in the process list; prefer MX_API_KEY or \`${save}\`.`);
  }
  const profile = await openProfile(globals);
  const connection = resolveConnection(globals, globals.io.env, profile.settings());
  debugLine(globals, describeSources(connection));
  const noPrompts = whyNoPrompts(globals);
  const interactive = noPrompts === undefined;
  const timeoutMs = requestTimeoutMs(globals.io.env);
  const [{ createMxClient }, ui] = await Promise.all([import('../mx/client.js'), import('../ui/runtime-ui.js')]);
  const progress = ui.createProgress(globals);
  // The mx-iav sandbox (built in, or `mx-iav sandbox` on loopback) answers as MX Bank's test institution documents.
  const onSandbox = connection.baseUrl === null || isLoopbackUrl(connection.baseUrl);
  const sandboxAnswers = onSandbox ? { listedBy: formatNextStep(step('scenarios'), globals.invocation) } : undefined;
  const prompter = ui.createPrompter({ io: globals.io, noPrompts, presets, signal, ...(sandboxAnswers && { sandboxAnswers }) });
  const sandbox = connection.baseUrl === null ? await startBuiltInSandbox(globals) : null;
  // The built-in sandbox failing to keep its state ends the run at once, with that failure as the error.
  const runSignal = sandbox ? AbortSignal.any([signal, sandbox.failed]) : signal;
  // The built-in sandbox is in this process: never through a proxy.
  const proxy = sandbox ? null : await proxyFor(connection.baseUrl ?? '', globals.io.env);
  if (proxy) debugLine(globals, `through the proxy ${proxy.shown} (HTTPS_PROXY/HTTP_PROXY; NO_PROXY did not exclude the base URL)`);
  const client = createMxClient({
    baseUrl: sandbox?.url ?? connection.baseUrl ?? '',
    clientId: sandbox?.clientId ?? connection.clientId ?? '',
    apiKey: sandbox?.apiKey ?? connection.apiKey ?? '',
    apiVersion: connection.apiVersion,
    debug: globals.debug ? (line) => writeErr(globals.io, `debug: ${line}`) : undefined,
    ...(proxy && { agent: proxy.agent, proxy: proxy.shown }),
    timeoutMs,
    signal: runSignal,
  });
  await confirmProduction(connection, profile, prompter, interactive);
  return {
    globals,
    connection,
    profile,
    store: profile.flowStore(connection.storeKey),
    client,
    progress,
    prompter,
    clock: globals.io.clock,
    interactive,
    signal: runSignal,
    proxy: proxy?.shown ?? null,
    close: async () => {
      client.close();
      proxy?.close();
      try {
        await sandbox?.close();
      } finally {
        profile.close();
      }
    },
  };
}

/** MX_IAV_REQUEST_TIMEOUT bounds each HTTP attempt (default 30 s); checked before anything is sent. */
function requestTimeoutMs(env: Io['env']): number | undefined {
  const value = env.MX_IAV_REQUEST_TIMEOUT;
  if (value === undefined || value === '') return undefined;
  const ms = parseDuration(value, 'MX_IAV_REQUEST_TIMEOUT');
  if (ms <= 0) throw new UsageError('MX_IAV_REQUEST_TIMEOUT must be more than zero.');
  return ms;
}

async function startBuiltInSandbox(globals: GlobalOptions) {
  const { createSandbox } = await import('../sandbox/index.js');
  const { env } = globals.io;
  const jobMs = Number(env.MX_IAV_SANDBOX_JOB_MS ?? 1000);
  const statePath = sandboxStatePath(configDir(env), globals.profile);
  // Treated as profiles/ is: in a shared config directory, another user's folder or a planted link is refused.
  prepareOwnDir(dirname(statePath), 'sandbox state directory', { fileInTheWay: 'leave' });
  // Each run of the built-in sandbox is its own process, so the deposits' delay counts from the create on its clock.
  const delay = Number(env.MX_IAV_SANDBOX_MICRO_DEPOSIT_DELAY_MS ?? 120_000);
  const sandbox = await createSandbox({
    port: 0,
    jobMs: Number.isFinite(jobMs) && jobMs >= 0 ? jobMs : 1000,
    microDepositDelayMs: Number.isFinite(delay) && delay >= 0 ? delay : 120_000,
    statePath,
    // The run's MX_IAV_SANDBOX_RECORD, never the process's ('' records nothing).
    recordPath: env.MX_IAV_SANDBOX_RECORD ?? '',
  });
  writeErr(globals.io, 'No MX API credentials configured: using the built-in sandbox. Test login: mxuser / any password');
  return sandbox;
}

/** Enter in a terminal stops; a run that cannot ask (CI) goes on, as the README documents, and is not remembered. */
export const PRODUCTION_CONFIRM: ConfirmAnswers = { defaultValue: false, fallbackValue: true };

async function confirmProduction(connection: Connection, profile: ProfileStore, prompter: Prompter, interactive: boolean) {
  if (connection.environment !== 'production' || profile.settings().production_confirmed) return;
  const confirmed = await prompter.confirm('This is MX production: real customers and real bank accounts. Continue?', PRODUCTION_CONFIRM);
  if (!confirmed) {
    throw new CliError('Stopped: MX production was not confirmed.', { exitCode: EXIT.interrupted, code: 'cancelled' });
  }
  if (interactive) profile.updateSettings({ production_confirmed: true });
}

function describeSources(connection: Connection): string {
  const { sources } = connection;
  return `API ${connection.apiVersion} (${sources.apiVersion}), environment ${connection.environment} (${sources.environment}), base URL ${connection.baseUrl ?? 'built-in sandbox'} (${sources.baseUrl}), client id from ${sources.clientId}, API key from ${sources.apiKey} (never shown)`;
}
