// A file the sandbox keeps that the machine refuses it, as one sentence with exit 3: the flags were well-formed, the
// machine's state is what has to change, which the README files under configuration. (A port: http/host.ts.)
import { ConfigError } from '../../errors.js';

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

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
