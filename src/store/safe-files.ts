import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';

// Files mx-iav keeps beside others' in a shared directory (the built-in sandbox's state, a recording, a JUnit
// report): never opened through a link planted in their place, never a FIFO or device that would block or never
// end, and replaced by write-then-rename from a temporary name no one can guess or create first.

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_APPEND } = constants;

/** An error with the code a failure message explains ("it is not a regular file", "it is too large"). */
export class FileKindError extends Error {
  constructor(
    readonly code: 'ENOTREG' | 'EISDIR' | 'EFBIG',
    path: string,
  ) {
    super(`${path}: ${{ ENOTREG: 'not a regular file', EISDIR: 'a directory', EFBIG: 'too large' }[code]}`);
  }
}

/**
 * The file's text, or null when it does not exist. A link is refused (ELOOP), and so is anything but a regular file
 * (a FIFO is opened without blocking and then refused) or a file over `limit` bytes: no read can hang or grow without
 * bound.
 */
export function readRegularFile(path: string, limit: number): string | null {
  let fd: number;
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    // ENOTDIR: a file stands where a directory of the path should be, so this file cannot exist either.
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileKindError(stats.isDirectory() ? 'EISDIR' : 'ENOTREG', path);
    if (stats.size > limit) throw new FileKindError('EFBIG', path);
    const buffer = Buffer.alloc(Math.min(stats.size, limit) + 1);
    let length = 0;
    // A file growing while it is read stops at the limit all the same.
    for (let read = 1; read > 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit) throw new FileKindError('EFBIG', path);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Replaces `path` with `text` by an exclusive create under a random name and a rename (a link at `path` is replaced, not followed). */
export function replaceFile(path: string, text: string | Buffer, mode = 0o600): void {
  const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = openSync(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  try {
    try {
      writeSync(fd, typeof text === 'string' ? Buffer.from(text) : text);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Renamed already, or never written.
    }
    throw error;
  }
}

/**
 * Opens `path` to append, created 0600 when missing; a link is refused (ELOOP), a FIFO without a reader fails at once
 * (ENXIO) instead of blocking, and anything but a regular file is refused.
 */
export function openAppend(path: string): number {
  const fd = openSync(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o600);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new FileKindError('ENOTREG', path);
  }
  return fd;
}
