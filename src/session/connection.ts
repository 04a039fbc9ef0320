import { API_VERSIONS, DEFAULT_API_VERSION, isApiVersion, type ApiVersion } from '../domain/api-versions.js';
import { ConfigError, UsageError } from '../errors.js';
import { checkBaseUrl as checkClientBaseUrl, isLoopbackUrl } from '../mx/identifiers.js';
import type { EnvironmentName, KeyDestination, Settings } from '../store/profile-store.js';
import { hint, step } from '../next-step.js';

export const MX_HOSTS: Record<Exclude<EnvironmentName, 'sandbox'>, string> = {
  development: 'https://int-api.mx.com',
  production: 'https://api.mx.com',
};

export interface ConnectionFlags {
  env?: string;
  baseUrl?: string;
  clientId?: string;
  apiKey?: string;
  apiVersion?: string;
}

export type Source = 'flag' | 'environment' | 'config' | 'default' | 'built-in sandbox';

export interface Connection {
  environment: EnvironmentName;
  /** null: start the built-in sandbox in this process. */
  baseUrl: string | null;
  clientId: string | null;
  apiKey: string | null;
  /** The key guids are saved under, so sandbox guids never mix with MX's. */
  storeKey: string;
  /** True when talking to MX itself, where MX asks for at most one status read every 3 seconds. */
  isMx: boolean;
  /** The MX API version every request asks for (Accept-Version). */
  apiVersion: ApiVersion;
  sources: { environment: Source; baseUrl: Source; clientId: Source; apiKey: Source; apiVersion: Source };
}

type Chosen<T> = { value: T | undefined; source: Source };

const pick = <T>(flag: T | undefined, variable: T | undefined, saved: T | undefined): Chosen<T> =>
  flag !== undefined && flag !== ''
    ? { value: flag, source: 'flag' }
    : variable !== undefined && variable !== ''
      ? { value: variable, source: 'environment' }
      : saved !== undefined
        ? { value: saved, source: 'config' }
        : { value: undefined, source: 'default' };

/**
 * Flag, then environment variable, then saved config. With no credentials anywhere the built-in sandbox is used,
 * so a new user can try everything without an MX account. A saved API key is used only where it was saved for.
 */
export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv, settings: Settings): Connection {
  const clientId = pick(flags.clientId, env.MX_CLIENT_ID, settings.client_id);
  const anyKey = pick(flags.apiKey, env.MX_API_KEY, settings.api_key);
  const baseUrl = pick(flags.baseUrl, env.MX_BASE_URL, settings.base_url);
  const named = pick(flags.env, env.MX_ENV, settings.environment);
  const version = pick(flags.apiVersion, env.MX_API_VERSION, settings.api_version);
  const environment = named.value === undefined ? defaultEnvironment(baseUrl.value, clientId.value, anyKey.value) : checkEnvironment(named.value);
  const url = baseUrl.value === undefined ? null : checkBaseUrl(baseUrl.value);
  const apiKey = anyKey.source === 'config' ? savedKey(settings, { environment, base_url: url }) : anyKey;

  if (environment !== 'sandbox' && (!clientId.value || !apiKey.value)) {
    throw new ConfigError(
      `The ${environment} environment needs MX API credentials, and ${!clientId.value ? 'no client id' : 'no API key'} is configured.`,
      hint`Set MX_CLIENT_ID and MX_API_KEY, or run: ${step('config', 'set', 'client-id', 'ID')} && ${step('config', 'set', 'api-key')}`,
    );
  }
  const effectiveUrl = environment === 'sandbox' ? url : (url ?? MX_HOSTS[environment]);
  return {
    environment,
    baseUrl: effectiveUrl,
    clientId: clientId.value ?? null,
    apiKey: apiKey.value ?? null,
    storeKey: url === null ? environment : `${environment} ${url}`,
    isMx: effectiveUrl !== null && !isLoopbackUrl(effectiveUrl),
    apiVersion: version.value === undefined ? DEFAULT_API_VERSION : checkApiVersion(version.value),
    sources: {
      environment: named.value === undefined ? 'default' : named.source,
      baseUrl: effectiveUrl === null ? 'built-in sandbox' : baseUrl.source,
      clientId: clientId.source,
      apiKey: apiKey.source,
      apiVersion: version.source,
    },
  };
}

/**
 * Where `config set api-key` saves the key for: the environment and base URL chosen at that moment (flag, variable
 * or config), an environment defaulting to development (a key is for MX) unless the base URL is on loopback.
 */
export function keyDestination(flags: ConnectionFlags, env: NodeJS.ProcessEnv, settings: Settings): KeyDestination {
  const baseUrl = pick(flags.baseUrl, env.MX_BASE_URL, settings.base_url).value;
  const named = pick(flags.env, env.MX_ENV, settings.environment).value;
  const url = baseUrl === undefined ? null : checkBaseUrl(baseUrl);
  const environment = named === undefined ? (url !== null && isLoopbackUrl(url) ? 'sandbox' : 'development') : checkEnvironment(named);
  return { environment, base_url: url };
}

export function describeDestination({ environment, base_url }: KeyDestination): string {
  const url = base_url ?? (environment === 'sandbox' ? 'the built-in sandbox' : MX_HOSTS[environment]);
  return `${environment} at ${url}`;
}

/**
 * The saved key, only where it was saved for: never to another base URL (a local process listening on loopback,
 * or a base URL from a planted profile). A key saved before mx-iav recorded this is for the profile's own settings.
 */
function savedKey(settings: Settings, here: KeyDestination): Chosen<string> {
  const savedFor = settings.api_key_for ?? keyDestination({}, {}, settings);
  if (savedFor.environment === here.environment && savedFor.base_url === here.base_url) return { value: settings.api_key, source: 'config' };
  // The built-in sandbox needs no key; anywhere else, nothing supplies one.
  if (here.environment === 'sandbox' && here.base_url === null) return { value: undefined, source: 'default' };
  throw new ConfigError(
    `The saved API key is for ${describeDestination(savedFor)}, so mx-iav does not send it to ${describeDestination(here)}.`,
    hint`Give the key for this one in MX_API_KEY, or save it for this one with: ${step('config', 'set', 'api-key')} (with the same --env and --base-url).`,
  );
}

function defaultEnvironment(baseUrl?: string, clientId?: string, apiKey?: string): EnvironmentName {
  if (baseUrl !== undefined && isLoopbackUrl(baseUrl)) return 'sandbox';
  return clientId && apiKey ? 'development' : 'sandbox';
}

/** A version named by flag, variable or `config set api-version`: one of the two, or a usage error naming them. */
export function checkApiVersion(value: string): ApiVersion {
  if (isApiVersion(value)) return value;
  throw new UsageError(`"${value.slice(0, 40)}" is not an MX API version mx-iav speaks.`, `Use ${API_VERSIONS.join(' or ')}.`);
}

function checkEnvironment(name: string): EnvironmentName {
  if (name === 'sandbox' || name === 'development' || name === 'production') return name;
  throw new UsageError(`"${name.slice(0, 40)}" is not an environment mx-iav knows.`, 'Use sandbox, development or production.');
}

/** The client's own check (https unless loopback), kept without the trailing slash for display and store keys. */
export const checkBaseUrl = (value: string): string => checkClientBaseUrl(value).replace(/\/+$/, '');
