// What the machine can refuse the sandbox (a port, an address), as one sentence with exit 3: the
// flags were well-formed, the machine's state is what has to change, which the README files under configuration.
import { ConfigError } from '../errors.js';

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
