// What the machine can refuse the sandbox (a port, an address, a file it keeps), as one sentence with exit 3: the
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

function reason(error: unknown): string {
  switch (errno(error)) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file stands where a directory is needed';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space is left on the device';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EISDIR':
      return 'it is a directory';
    // src/store/safe-files.ts: what it refuses to open, read or write through.
    case 'ELOOP':
      return 'it is a symbolic link, which the sandbox does not follow';
    case 'ENOTREG':
    case 'ENXIO':
      return 'it is not a regular file';
    case 'EFBIG':
      return 'it is too large to be a state the sandbox wrote';
    default:
      return errno(error) ?? (error instanceof Error ? error.message : String(error));
  }
}

/** A file the sandbox keeps could not be read or written ("write its state to"); `setting` names where its path comes from. */
export function fileFailure(action: string, path: string, error: unknown, setting: string): ConfigError {
  return new ConfigError(`The sandbox cannot ${action} ${path}: ${reason(error)}; fix that path, or set ${setting} elsewhere.`, undefined, error);
}
