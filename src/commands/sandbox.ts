import { once } from 'node:events';
import { API_VERSIONS, VERSION_HEADERS } from '../domain/api-versions.js';
import { UsageError } from '../errors.js';
import { isLoopbackUrl } from '../mx/identifiers.js';
import type { CommandInput, GlobalOptions } from '../session/command-kit.js';
import { formatScenarioTable, wrapText } from '../ui/format.js';
import { terminalWidth } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { sandboxOptions } from './specs/sandbox.js';

type Options = OptionsOf<typeof sandboxOptions>;

function number(value: string, flag: string, max: number, integer = true): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > max || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`${flag} takes ${integer ? 'a whole number' : 'a number'} from 0 to ${max}.`);
  }
  return parsed;
}

/** Which versions the sandbox speaks; `#` lines, so the block stays safe to paste into a shell (wrapped, still `#`). */
export function versionBanner(legacyAccept: boolean, width?: number): string {
  const missing = legacyAccept
    ? 'served as v20111101 when Accept is application/vnd.mx.api.v1+json (--legacy-accept, as MX before August 12, 2026)'
    : 'answered 406, as MX does since August 12, 2026 (--legacy-accept serves them as v20111101)';
  const lines = [
    `MX API versions: ${API_VERSIONS.map((v) => `${v} (Accept: ${VERSION_HEADERS[v].accept})`).join(', ')}, chosen per request by Accept-Version.`,
    `Requests without Accept-Version: ${missing}.`,
  ];
  return lines.flatMap((line) => wrapText(line, width === undefined ? Infinity : width - 2).map((part) => `# ${part}`)).join('\n');
}

/**
 * `--client-id` and `--api-key` are also program-wide options, and commander files a value under the program's option
 * wherever it is written (before or after `sandbox`), so the sandbox's own definitions only document them in its help.
 * The key is warned about as for every command: a sandbox key guards only test data, but anyone on this machine who
 * reads it in the process list can use the sandbox with it, and people do paste a real key where a key is asked.
 */
function credentials(options: Options, globals: GlobalOptions): { clientId?: string; apiKey?: string } {
  const clientId = options.clientId ?? globals.clientId;
  const apiKey = options.apiKey ?? globals.apiKey;
  if (apiKey !== undefined) {
    globals.io.stderr.write('Warning: --api-key is visible to other users in the process list, and anyone on this machine can use this sandbox with it; never give it a real MX API key.\n');
  }
  return { ...(clientId === undefined ? {} : { clientId }), ...(apiKey === undefined ? {} : { apiKey }) };
}

/** Where it listens; off loopback, a warning first, because then the not-secret key printed is all that guards it. */
function listening(host: string, url: string): string {
  const port = new URL(url).port;
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (isLoopbackUrl(`http://${address}`)) return `MX sandbox listening on ${url} (Ctrl-C to stop)\n`;
  return (
    `Warning: the sandbox listens on ${address}, so anyone who can reach this machine there can use it with the key printed, which is not a secret.\n` +
    `MX sandbox listening on ${address}; from this machine: ${url} (Ctrl-C to stop)\n`
  );
}

/** The bearer token is warned about as the API key is: the process list shows it to everyone on this machine. */
function webhookSettings(options: Options, globals: GlobalOptions) {
  if (options.webhookBearerToken !== undefined) {
    globals.io.stderr.write('Warning: --webhook-bearer-token is visible to other users in the process list.\n');
  }
  return {
    webhookUrls: options.webhookUrl ?? [],
    ...(options.webhookBearerToken === undefined ? {} : { webhookBearerToken: options.webhookBearerToken }),
    webhookTimeoutMs: number(options.webhookTimeout, '--webhook-timeout', 600_000),
    webhookQueueLimit: number(options.webhookQueueLimit, '--webhook-queue-limit', 1_000_000),
  };
}

/** Where webhooks go, without the user info (the password in it stays unprinted). */
function webhookLines(endpoints: { url: string; type: string | null }[]): string {
  return endpoints.map((e) => `Webhooks${e.type === null ? '' : ` (${e.type})`} to ${e.url}\n`).join('');
}

/** Serves until Ctrl-C; the lines printed first can be exported so every later command talks to it. */
export async function run({ options, globals, signal }: CommandInput<Options>) {
  const settings = {
    host: options.host,
    port: number(options.port, '--port', 65535),
    jobMs: number(options.jobMs, '--job-ms', 3_600_000),
    microDepositDelayMs: number(options.microDepositDelayMs, '--micro-deposit-delay-ms', 86_400_000),
    latencyMs: number(options.latency, '--latency', 60_000),
    failRate: number(options.failRate, '--fail-rate', 1, false),
    throttleRate: number(options.throttleRate, '--throttle-rate', 1, false),
    resetRate: number(options.resetRate, '--reset-rate', 1, false),
    ...(options.seed === undefined ? {} : { seed: number(options.seed, '--seed', 2 ** 32) }),
    ...credentials(options, globals),
    legacyAccept: options.legacyAccept === true,
    ...webhookSettings(options, globals),
    widgetUrlTtlMs: number(options.widgetUrlTtlMs, '--widget-url-ttl-ms', 86_400_000),
    recordPath: globals.io.env.MX_IAV_SANDBOX_RECORD ?? '',
  };
  const { createSandbox, TEST_LOGINS, MICRO_DEPOSIT_TEST_INPUTS } = await import('../sandbox/index.js');
  const { formatMicroDepositScenarioTable } = await import('../ui/micro-deposit-format.js');
  const sandbox = await createSandbox(settings);
  try {
    globals.io.stdout.write(
      `MX_BASE_URL=${sandbox.url}\nMX_CLIENT_ID=${sandbox.clientId}\nMX_API_KEY=${sandbox.apiKey}\n` +
        `${versionBanner(sandbox.legacyAccept, terminalWidth(globals.io.stdout))}\n\n${formatScenarioTable(TEST_LOGINS, terminalWidth(globals.io.stdout))}\n\n${formatMicroDepositScenarioTable(MICRO_DEPOSIT_TEST_INPUTS, terminalWidth(globals.io.stdout))}\n`,
    );
    globals.io.stderr.write(listening(sandbox.host, sandbox.url) + webhookLines(sandbox.webhookEndpoints()));
    if (!signal.aborted) await once(signal, 'abort');
  } finally {
    // Whatever stops the run (a signal, or a failure printing the banner) stops the serving too.
    await sandbox.close();
  }
  // Ctrl-C or SIGTERM is how a sandbox is meant to end, so it is a success (exit 0), said as such.
  globals.io.stderr.write('MX sandbox stopped.\n');
}
