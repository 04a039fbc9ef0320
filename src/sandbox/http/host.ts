import { isIP } from 'node:net';
import { ConfigError, UsageError } from '../../errors.js';

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

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

/** Why the server could not listen; an error this does not know is handed back as it was. */
export function listenFailure(error: unknown, host: string, port: number): unknown {
  const choose = 'choose another with --port, or --port 0 for a free one';
  switch (errno(error)) {
    case 'EADDRINUSE':
      return new ConfigError(`Port ${port} is already in use on ${host}: another program (perhaps another mx-iav sandbox) is listening there; ${choose}.`, undefined, error);
    case 'EACCES':
      return new ConfigError(`Port ${port} on ${host} needs privileges this user does not have; ${choose}.`, undefined, error);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ConfigError(`${host} is not an address of this machine; choose one with --host (127.0.0.1 for this machine only).`, undefined, error);
    default:
      return error;
  }
}
