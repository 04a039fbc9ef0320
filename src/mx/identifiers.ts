import { isCode, isGuid, type GuidKind } from '../domain/identifiers.js';
import { InsecureBaseUrlError, InvalidIdentifierError, type IdentifierKind } from './errors.js';

const GUID_KIND: Partial<Record<IdentifierKind, GuidKind>> = {
  'user guid': 'user',
  'member guid': 'member',
  'account guid': 'account',
  'micro-deposit guid': 'microDeposit',
};

/**
 * Checks a value before it becomes a path segment, then URL-encodes it anyway. Codes made only of dots are refused:
 * `..` would pass the character set and walk the URL up a level.
 */
export function segment(kind: IdentifierKind, value: unknown): string {
  const guidKind = GUID_KIND[kind];
  const valid = guidKind ? isGuid(guidKind, value) : isCode(value);
  if (!valid) throw new InvalidIdentifierError(kind);
  return encodeURIComponent(value as string);
}

export const userPath = (userGuid: string): string => `users/${segment('user guid', userGuid)}`;

export const membersPath = (userGuid: string): string => `${userPath(userGuid)}/members`;

export const memberPath = (userGuid: string, memberGuid: string): string =>
  `${membersPath(userGuid)}/${segment('member guid', memberGuid)}`;

export const institutionPath = (code: string): string => `institutions/${segment('institution code', code)}`;

export const microDepositPath = (userGuid: string, guid: string): string =>
  `${userPath(userGuid)}/micro_deposits/${segment('micro-deposit guid', guid)}`;

export const accountPath = (userGuid: string, accountGuid: string): string =>
  `${userPath(userGuid)}/accounts/${segment('account guid', accountGuid)}`;

/** https anywhere; plain http only on loopback, where the sandbox runs. Returns the URL with one trailing slash. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InsecureBaseUrlError('it is not an absolute URL.');
  }
  if (url.username || url.password) throw new InsecureBaseUrlError('it must not contain a user name or password.');
  if (url.search || url.hash) throw new InsecureBaseUrlError('it must not contain a query string or fragment.');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new InsecureBaseUrlError(`${url.protocol}//${url.host} is not https, so the API key would travel in clear text.`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopback(new URL(value).hostname);
  } catch {
    return false;
  }
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
