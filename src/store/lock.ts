import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { CliError, ConfigError, EXIT } from '../errors.js';
import { readRegularFile } from './safe-files.js';

// One process at a time may change a profile. The lock is a file created by an atomic hard link (so it is never
// seen half-written) holding the owner's pid; a lock whose process is gone (kill -9, a crash) is taken over.

interface Holder {
  pid: number;
  host: string;
  /** The process's start time from /proc, so a pid reused by another program is not mistaken for the owner. */
  start: string | null;
  command: string;
  since: string;
  nonce: string;
}

export interface ProfileLock {
  release(): void;
}

const held = new Map<string, Holder>();
process.once('exit', () => {
  for (const path of held.keys()) releaseLock(path);
});

/** Takes the profile's lock or throws at once, naming the process that holds it. Re-entrant within a process. */
export function acquireLock(path: string, profile: string, command: string): ProfileLock {
  const release = { release: () => releaseLock(path) };
  if (held.has(path)) return release;
  const me: Holder = { pid: process.pid, host: hostname(), start: startTime(process.pid), command, since: new Date().toISOString(), nonce: randomUUID() };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryCreate(path, me)) {
      held.set(path, me);
      return release;
    }
    const holder = readHolder(path);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && isRunning(holder)) throw busy(profile, holder);
    takeOver(path, holder);
  }
  throw busy(profile, null);
}

function releaseLock(path: string) {
  const mine = held.get(path);
  if (!mine) return;
  held.delete(path);
  let current: ReturnType<typeof readHolder>;
  try {
    current = readHolder(path);
  } catch {
    return;
  }
  if (typeof current === 'object' && current.nonce === mine.nonce) unlinkQuietly(path);
}

function tryCreate(path: string, me: Holder): boolean {
  const draft = `${path}.${me.pid}.${me.nonce}`;
  try {
    // Inside the try: a draft half written on a full disk is removed too.
    writeFileSync(draft, JSON.stringify(me), { mode: 0o600, flag: 'wx' });
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockFailure(path, error);
  } finally {
    unlinkQuietly(draft);
  }
}

/** A holder's record is a line of JSON; anything longer (a device, a file of another program's) is not one. */
const HOLDER_LIMIT = 4096;

function readHolder(path: string): Holder | 'gone' | 'unreadable' {
  let text: string | null;
  try {
    text = readRegularFile(path, HOLDER_LIMIT);
  } catch (error) {
    // A directory, link, FIFO or device where the lock goes: nothing mx-iav can take over or should remove.
    throw lockFailure(path, error);
  }
  if (text === null) return 'gone';
  try {
    const parsed = JSON.parse(text) as Partial<Holder>;
    if (Number.isInteger(parsed.pid) && typeof parsed.nonce === 'string' && typeof parsed.host === 'string') return parsed as Holder;
  } catch {
    // Not a lock mx-iav wrote: nothing holds it.
  }
  return 'unreadable';
}

/** Moves the stale lock aside, and puts it back if another process took the lock over in the meantime. */
function takeOver(path: string, stale: Holder | 'unreadable') {
  const aside = `${path}.stale.${process.pid}.${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw lockFailure(path, error);
  }
  const moved = readHolder(aside);
  const same = stale === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && moved.nonce === stale.nonce;
  if (!same) {
    try {
      linkSync(aside, path);
    } catch {
      // Yet another process holds it now; the next attempt reads that one.
    }
  }
  unlinkQuietly(aside);
}

function isRunning(holder: Holder): boolean {
  // A process on another machine (a shared network directory) cannot be checked: it is taken as running.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = startTime(holder.pid);
  return holder.start === null || start === null || start === holder.start;
}

/** Field 22 of /proc/PID/stat (clock ticks after boot); null where there is no /proc. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function busy(profile: string, holder: Holder | null): CliError {
  const who = holder === null ? 'another mx-iav process' : `process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`} (${holder.command}, since ${holder.since.slice(11, 19)} UTC)`;
  return new CliError(`The profile "${profile}" is in use by ${who}: mx-iav lets one run at a time change a profile.`, {
    exitCode: EXIT.config,
    code: 'profile_busy',
    hint: `Wait for it to finish, or use another profile (--profile NAME).`,
  });
}

function lockFailure(path: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code ?? 'an error';
  const what = { ENOTREG: 'something that is not a regular file stands there', EISDIR: 'a directory stands there', ELOOP: 'it is a symbolic link', EFBIG: 'it is not a lock file of mx-iav\'s' }[code];
  return new ConfigError(
    `mx-iav cannot take the profile's lock ${path}: ${what ?? code}.`,
    what ? 'Move it away; mx-iav makes the lock file itself.' : 'Check that the config directory is yours and writable, and that the disk is not full.',
  );
}

function unlinkQuietly(path: string) {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
