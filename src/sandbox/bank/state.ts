import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readRegularFile, replaceFile } from '../../store/safe-files.js';
import type { SandboxState } from './types.js';

/**
 * A table keyed by clients' strings, with no prototype: `__proto__`, `constructor` or `toString` as a guid is then an
 * ordinary key that is either there or not, never Object.prototype itself (a `PUT /users/__proto__` would otherwise
 * write into every object of the process). Plain JSON on disk; `Object.assign` onto a null-prototype object defines
 * a loaded `"__proto__"` key as its own property instead of calling the setter.
 */
export function table<T>(from: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

/** The entry the key names, only when the table itself holds it. */
export function own<T>(tableOf: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(tableOf, key) ? tableOf[key] : undefined;
}

export function emptyState(rngState: number): SandboxState {
  return { version: 1, rngState, jobsStarted: 0, users: table(), members: table() };
}

function isState(value: unknown): value is SandboxState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SandboxState>;
  return (
    v.version === 1 &&
    typeof v.rngState === 'number' &&
    typeof v.jobsStarted === 'number' &&
    typeof v.users === 'object' && v.users !== null &&
    typeof v.members === 'object' && v.members !== null
  );
}

/** Larger than any state a test or a person makes; a bigger file is not one the sandbox wrote. */
const STATE_LIMIT = 64 * 1024 * 1024;

/**
 * The saved state, or null to start empty. A missing file is normal (first run); a file that cannot be read as
 * state is kept beside it as `.corrupt` for inspection rather than overwritten silently. Read and written as
 * src/store/safe-files.ts does (no links followed, no FIFO or device read, random temporary names).
 */
export function loadState(path: string): SandboxState | null {
  const text = readRegularFile(path, STATE_LIMIT);
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isState(parsed)) return { ...parsed, users: table(parsed.users), members: table(parsed.members) };
  } catch {
    // falls through to quarantine
  }
  replaceFile(`${path}.corrupt`, text);
  return null;
}

/** Write-then-rename, so a crash mid-write never leaves a half file; 0600 because it is the user's test data. */
export function saveState(path: string, serialized: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  replaceFile(path, serialized);
}

/** What identifies one save of the file (each is a new inode by rename), or null when there is none. */
export function stateSignature(path: string): string | null {
  try {
    const stats = lstatSync(path);
    return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
  } catch {
    return null;
  }
}
