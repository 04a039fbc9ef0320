import { lstatSync, mkdirSync, statSync, type Stats } from 'node:fs';
import { ConfigError } from '../errors.js';

// mx-iav creates its directories 0700 and leaves the mode of a directory it did not create alone (a shared
// MX_IAV_CONFIG_DIR such as a 1777 one). It reads and writes only files and directories the user owns, and never
// follows a link planted in place of a profile file or the profiles directory.

const uid = process.getuid?.();

/** The config directory (a link to it is followed), created 0700 when missing; another user's is refused. */
export function prepareConfigDir(dir: string) {
  makeDir(dir, true);
  const stats = statSync(dir);
  if (!stats.isDirectory()) throw inTheWay(dir);
  // root's directories (such as /tmp) are trusted: root can read every file anyway.
  if (uid !== undefined && stats.uid !== uid && stats.uid !== 0) throw notYours('config directory', dir, stats);
}

/**
 * A directory of mx-iav's inside the config directory (the profiles, the built-in sandbox's state): created 0700
 * when missing; a link or another user's directory is refused.
 */
export function prepareOwnDir(dir: string, what = 'profiles directory', { fileInTheWay = 'refuse' }: { fileInTheWay?: 'refuse' | 'leave' } = {}) {
  makeDir(dir, false);
  const stats = lstatSync(dir);
  if (stats.isSymbolicLink()) throw linked(what, dir);
  // 'leave': the caller's own first write names the file in the way, in its own words.
  if (!stats.isDirectory() && fileInTheWay === 'leave') return;
  if (!stats.isDirectory()) throw inTheWay(dir);
  if (uid !== undefined && stats.uid !== uid) throw notYours(what, dir, stats);
}

export const prepareProfilesDir = (dir: string) => prepareOwnDir(dir);

/** A profile file must be a plain file of the user's, or not exist yet. */
export function checkProfileFile(path: string) {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new ConfigError(`The profile file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'an error'}).`);
  }
  if (stats.isSymbolicLink()) throw linked('profile file', path);
  if (!stats.isFile()) throw new ConfigError(`The profile file ${path} is not a regular file.`, 'Move it away to start afresh.');
  if (uid !== undefined && stats.uid !== uid) throw notYours('profile file', path, stats);
}

function makeDir(dir: string, withParents: boolean) {
  try {
    mkdirSync(dir, { recursive: withParents, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    if (code === 'EEXIST') return;
    throw new ConfigError(`mx-iav cannot create its config directory ${dir} (${code}).`, 'Check MX_IAV_CONFIG_DIR: it must be a directory you can write to.');
  }
}

function inTheWay(dir: string): ConfigError {
  return new ConfigError(
    `mx-iav cannot create its config directory ${dir} (EEXIST): something that is not a directory is in the way.`,
    'Move it away, or point MX_IAV_CONFIG_DIR at a directory.',
  );
}

function notYours(what: string, path: string, stats: Stats): ConfigError {
  return new ConfigError(
    `The ${what} ${path} belongs to another user (uid ${stats.uid}), so mx-iav will not use it.`,
    'Point MX_IAV_CONFIG_DIR at a directory of your own, or move that one away.',
  );
}

function linked(what: string, path: string): ConfigError {
  return new ConfigError(
    `The ${what} ${path} is a symbolic link, which mx-iav does not follow.`,
    'Replace the link with the file or directory itself.',
  );
}
