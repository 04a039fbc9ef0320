import { isIP } from 'node:net';
import { UsageError } from '../errors.js';

// One DNS name: labels of letters, digits and inner hyphens (RFC 1123), at most 253 characters in all.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/**
 * The address to listen on, checked before anything listens. Node reads an empty host as "every interface", so ''
 * (an unset variable in a script) would silently open the sandbox to the network; it is refused like any other text
 * that is neither an IP address nor a host name. The value is not repeated: it may be anything a script passed.
 */
export function listenHost(host: string | undefined): string {
  if (host === undefined) return '127.0.0.1';
  const bare = /^\[(.*)\]$/.exec(host)?.[1] ?? host;
  if (isIP(bare) !== 0 || HOST_NAME.test(bare)) return bare;
  throw new UsageError(
    '--host takes an IP address or a host name of this machine, and that is neither.',
    'Use --host 127.0.0.1 for this machine only, or --host 0.0.0.0 to be reachable from the network.',
  );
}
