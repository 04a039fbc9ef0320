import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxState } from './types.js';

export function emptyState(rngState: number): SandboxState {
  return { version: 1, rngState, jobsStarted: 0, users: {}, members: {} };
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

/**
 * The saved state, or null to start empty. A missing file is normal (first run); a file that cannot be read as
 * state is kept beside it as `.corrupt` for inspection rather than overwritten silently.
 */
export function loadState(path: string): SandboxState | null {
  if (!existsSync(path)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (isState(parsed)) return parsed;
  } catch {
    // falls through to quarantine
  }
  copyFileSync(path, `${path}.corrupt`);
  return null;
}

/** Write-then-rename, so a crash mid-write never leaves a half file; 0600 because it is the user's test data. */
export function saveState(path: string, serialized: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, serialized, { mode: 0o600 });
  renameSync(tmp, path);
}
