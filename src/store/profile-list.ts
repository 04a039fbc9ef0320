import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { acquireLock } from './lock.js';
import { lockPath, profilePath, sandboxStatePath } from './paths.js';
import { readRegularFile } from './safe-files.js';
import { checkProfileFile } from './safe-paths.js';

// `mx-iav profiles list|remove`: what each profile file holds, told without its secrets, and removing one.

export interface ProfileSummary {
  name: string;
  environment: string | null;
  /** Whether an API key is saved; the key itself is never read out. */
  api_key_saved: boolean;
  /** The user and member saved per environment key ("sandbox", "sandbox http://127.0.0.1:4010", …). */
  saved: { environment: string; user_guid: string | null; member_guid: string | null }[];
}

const NAME = /^([A-Za-z0-9_-]{1,40})\.json$/;

export function listProfiles(dir: string): ProfileSummary[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, 'profiles'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`mx-iav cannot read its profiles directory ${join(dir, 'profiles')} (${(error as NodeJS.ErrnoException).code ?? 'an error'}).`);
  }
  return names.flatMap((file) => NAME.exec(file)?.[1] ?? []).sort().map((name) => summary(dir, name));
}

function summary(dir: string, name: string): ProfileSummary {
  const path = profilePath(dir, name);
  checkProfileFile(path);
  let file: { settings?: { environment?: string; api_key?: string }; environments?: Record<string, { user_guid?: string; member_guid?: string }> };
  try {
    file = JSON.parse(readRegularFile(path, 1024 * 1024) ?? '{}') as typeof file;
  } catch {
    throw new ConfigError(`The profile file ${path} cannot be read: it is not valid JSON.`, 'Fix the file by hand, or remove it with: mx-iav profiles remove ' + name);
  }
  return {
    name,
    environment: file.settings?.environment ?? null,
    api_key_saved: typeof file.settings?.api_key === 'string',
    saved: Object.entries(file.environments ?? {}).map(([environment, state]) => ({
      environment,
      user_guid: state.user_guid ?? null,
      member_guid: state.member_guid ?? null,
    })),
  };
}

/** Removes the profile's file and its built-in sandbox state, unless a run holds it; returns what it had saved. */
export function removeProfile(dir: string, name: string): ProfileSummary {
  const path = profilePath(dir, name);
  const found = listProfiles(dir).find((profile) => profile.name === name);
  if (!found) throw new UsageError(`There is no profile "${name}" in ${join(dir, 'profiles')}.`, 'See the profiles with: mx-iav profiles list');
  const lock = acquireLock(lockPath(dir, name), name, 'mx-iav profiles remove');
  try {
    for (const file of [path, sandboxStatePath(dir, name), `${sandboxStatePath(dir, name)}.corrupt`]) {
      try {
        unlinkSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new ConfigError(`mx-iav cannot remove ${file} (${(error as NodeJS.ErrnoException).code ?? 'an error'}).`);
        }
      }
    }
  } finally {
    lock.release();
  }
  return found;
}
