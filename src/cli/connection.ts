import { API_VERSIONS, DEFAULT_API_VERSION, isApiVersion, type ApiVersion } from '../domain/api-versions.js';
import { ConfigError, UsageError } from '../errors.js';
import { checkBaseUrl as checkClientBaseUrl, isLoopbackUrl } from '../mx/identifiers.js';
import type { EnvironmentName, Settings } from '../store/profile-store.js';

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

/**
 * Flag, then environment variable, then saved config. With no credentials anywhere the built-in sandbox is used,
 * so a new user can try everything without an MX account.
 */
export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv, settings: Settings): Connection {
  const pick = <T>(flag: T | undefined, variable: T | undefined, saved: T | undefined) =>
    flag !== undefined && flag !== ''
      ? { value: flag, source: 'flag' as Source }
      : variable !== undefined && variable !== ''
        ? { value: variable, source: 'environment' as Source }
        : saved !== undefined
          ? { value: saved, source: 'config' as Source }
          : { value: undefined, source: 'default' as Source };

  const clientId = pick(flags.clientId, env.MX_CLIENT_ID, settings.client_id);
  const apiKey = pick(flags.apiKey, env.MX_API_KEY, settings.api_key);
  const baseUrl = pick(flags.baseUrl, env.MX_BASE_URL, settings.base_url);
  const named = pick(flags.env, env.MX_ENV, settings.environment);
  const version = pick(flags.apiVersion, env.MX_API_VERSION, settings.api_version);
  const environment = named.value === undefined ? defaultEnvironment(baseUrl.value, clientId.value, apiKey.value) : checkEnvironment(named.value);
  const url = baseUrl.value === undefined ? null : checkBaseUrl(baseUrl.value);

  if (environment !== 'sandbox' && (!clientId.value || !apiKey.value)) {
    throw new ConfigError(
      `The ${environment} environment needs MX API credentials, and ${!clientId.value ? 'no client id' : 'no API key'} is configured.`,
      'Set MX_CLIENT_ID and MX_API_KEY, or run: mx-iav config set client-id ID && mx-iav config set api-key',
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

function defaultEnvironment(baseUrl?: string, clientId?: string, apiKey?: string): EnvironmentName {
  if (baseUrl !== undefined && isLoopbackUrl(baseUrl)) return 'sandbox';
  return clientId && apiKey ? 'development' : 'sandbox';
}

function checkApiVersion(value: string): ApiVersion {
  if (isApiVersion(value)) return value;
  throw new UsageError(`"${value.slice(0, 40)}" is not an MX API version mx-iav speaks.`, `Use ${API_VERSIONS.join(' or ')}.`);
}

function checkEnvironment(name: string): EnvironmentName {
  if (name === 'sandbox' || name === 'development' || name === 'production') return name;
  throw new UsageError(`"${name.slice(0, 40)}" is not an environment mx-iav knows.`, 'Use sandbox, development or production.');
}

/** The client's own check (https unless loopback), kept without the trailing slash for display and store keys. */
export const checkBaseUrl = (value: string): string => checkClientBaseUrl(value).replace(/\/+$/, '');
