import { existsSync, statSync } from 'node:fs';
import type { Connection, Source } from '../session/connection.js';
import { API_VERSIONS } from '../domain/api-versions.js';
import { MxApiError, MxNetworkError, MxResponseError } from '../mx/errors.js';
import { isLoopbackUrl } from '../mx/identifiers.js';
import { describeHeaders, rulesFor } from '../mx/versions.js';
import { CliError, EXIT, type ExitCode } from '../errors.js';
import type { Invocation } from '../session/invocation.js';
import { formatHint } from '../session/next-steps.js';
import { hint, step, type HintLike } from '../next-step.js';

/** One line of `mx-iav doctor`: `fail` makes the exit non-zero with `exitCode`, `warn` does not. */
export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
  /** The failure's own exit code, as raised (a 401 is 3, an unreachable MX 4). */
  exitCode?: ExitCode;
}

const MIN_NODE = [20, 19] as const;

export function checkNode(version = process.versions.node): Check {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: 'node', status: 'ok', detail: `Node ${version}` }
    : { name: 'node', status: 'fail', detail: `Node ${version} is older than ${MIN_NODE.join('.')}`, fix: 'Install Node 20.19 or later.', exitCode: 3 };
}

/** Checked before the profile is opened, since opening it quietly repairs the directory's mode. */
export function checkPermissions(dir: string, profileFile: string): Check[] {
  if (process.platform === 'win32') return [{ name: 'config', status: 'ok', detail: `${dir} (permissions not checked on Windows)` }];
  if (!existsSync(dir)) return [{ name: 'config', status: 'ok', detail: `${dir} does not exist yet; it is created 0700 on first use` }];
  const checks: Check[] = [];
  for (const [path, wanted, kind] of [[dir, 0o700, 'directory'], [profileFile, 0o600, 'file']] as const) {
    if (!existsSync(path)) continue;
    const mode = statSync(path).mode & 0o777;
    const octal = mode.toString(8).padStart(3, '0');
    if ((mode & 0o077) === 0) {
      checks.push({ name: 'config', status: 'ok', detail: `${path} (${kind}, mode ${octal})` });
    } else {
      // An open directory only shows file names; an open profile file can show the saved API key.
      const fix = `chmod ${wanted.toString(8)} ${path}`;
      checks.push(
        kind === 'directory'
          ? { name: 'config', status: 'warn', detail: `${path} is open to other users (mode ${octal}); mx-iav expects 700`, fix }
          : { name: 'config', status: 'fail', detail: `${path} is readable by other users (mode ${octal}) and may hold the API key`, fix, exitCode: 3 },
      );
    }
  }
  return checks;
}

const WHERE: Record<Source, string> = {
  flag: 'the command line',
  environment: 'the environment',
  config: 'the saved config',
  default: 'the default',
  'built-in sandbox': 'the built-in sandbox',
};

function proxyDetail(connection: Connection, proxy: string | null): string {
  if (proxy) return `through ${proxy} (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY)`;
  if (connection.baseUrl === null) return 'none: the built-in sandbox runs in this process';
  if (isLoopbackUrl(connection.baseUrl)) return 'none: a loopback base URL always goes direct';
  return 'none: no proxy variable names one for this base URL (or NO_PROXY excludes it)';
}

export function describeConnection(connection: Connection, proxy: string | null): Check[] {
  const { sources } = connection;
  const builtIn = connection.baseUrl === null;
  return [
    { name: 'environment', status: 'ok', detail: `${connection.environment} (${sources.environment === 'default' ? 'the default' : `from ${WHERE[sources.environment]}`}) at ${connection.baseUrl ?? 'the built-in sandbox, started in this process'}${builtIn ? '' : ` (from ${WHERE[sources.baseUrl]})`}` },
    { name: 'client id', status: 'ok', detail: builtIn ? 'the built-in sandbox\'s' : connection.clientId ? `set, from ${WHERE[sources.clientId]}` : 'not set' },
    { name: 'api key', status: 'ok', detail: builtIn ? 'the built-in sandbox\'s' : connection.apiKey ? `set, from ${WHERE[sources.apiKey]} (never shown)` : 'not set' },
    { name: 'proxy', status: 'ok', detail: proxyDetail(connection, proxy) },
    { name: 'api version', status: 'ok', detail: `${connection.apiVersion} (${sources.apiVersion === 'default' ? 'the default' : `from ${WHERE[sources.apiVersion]}`}); sends ${describeHeaders(rulesFor(connection.apiVersion)).replace(/^api \S+: /, '')}` },
  ];
}

const KEY_FIX: Record<Source, HintLike> = {
  flag: 'Correct the --api-key and --client-id values (and prefer MX_API_KEY over the flag).',
  environment: 'Correct MX_API_KEY and MX_CLIENT_ID in the environment (the MX dashboard shows both).',
  config: hint`Save the right key with: ${step('config', 'set', 'api-key')} (and config set client-id ID)`,
  default: hint`Set MX_CLIENT_ID and MX_API_KEY, or run: ${step('config', 'set', 'api-key')}`,
  'built-in sandbox': 'This is a bug in mx-iav; report it.',
};

/** The result of one cheap authenticated request: reachability, latency and whether the credentials work. */
export function interpretProbe(connection: Connection, elapsedMs: number, error: unknown, invocation?: Invocation): Check[] {
  const where = connection.baseUrl ?? 'the built-in sandbox';
  const reachable: Check = { name: 'reachable', status: 'ok', detail: `${where} answered in ${Math.round(elapsedMs)} ms` };
  if (error === undefined) {
    return [
      reachable,
      { name: 'authenticates', status: 'ok', detail: 'the client id and API key were accepted' },
      { name: 'version accepted', status: 'ok', detail: `MX accepted Accept-Version ${rulesFor(connection.apiVersion).headers['accept-version']} and answered in its media type` },
    ];
  }
  const refused = versionRefused(connection, error);
  if (refused) return [reachable, refused];
  if (error instanceof MxApiError && (error.status === 401 || error.status === 403)) {
    return [
      reachable,
      { name: 'authenticates', status: 'fail', detail: `MX rejected the client id or API key (${error.status})`, fix: formatHint(KEY_FIX[connection.sources.apiKey], invocation), exitCode: error.exitCode },
    ];
  }
  const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  const fix = error instanceof MxNetworkError ? 'Check the network, a proxy, and the base URL (MX_BASE_URL / --base-url).' : 'MX is failing; try again later, or run with --debug.';
  return [{ name: 'reachable', status: 'fail', detail: message, fix, exitCode: error instanceof CliError ? error.exitCode : EXIT.api }];
}

/**
 * MX answers 406 to a request without a valid Accept-Version (ERR); an answer in another version's media type means
 * the header was ignored on the way. Either says the chosen version (or its header value, UNCONFIRMED for v20111101)
 * does not work against this MX.
 */
function versionRefused(connection: Connection, error: unknown): Check | null {
  const header = rulesFor(connection.apiVersion).headers['accept-version'];
  const other = API_VERSIONS.find((version) => version !== connection.apiVersion);
  const fix = `Try --api-version ${other}; the README's "MX API versions" section says which header values are unconfirmed.`;
  if (error instanceof MxApiError && error.status === 406) {
    const said = error.mxMessage ? `: ${error.mxMessage.replace(/\.$/, '')}` : '';
    return { name: 'version accepted', status: 'fail', detail: `MX refused Accept-Version ${header} (406)${said}`, fix, exitCode: 4 };
  }
  if (error instanceof MxResponseError && error.otherMediaType !== null) {
    const detail = `MX answered Accept-Version ${header} in ${error.otherMediaType}, not ${rulesFor(connection.apiVersion).mediaType}, so it did not serve ${connection.apiVersion}`;
    return { name: 'version accepted', status: 'fail', detail, fix, exitCode: 4 };
  }
  return null;
}
