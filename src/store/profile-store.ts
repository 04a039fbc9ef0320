import type { ApiVersion } from '../domain/api-versions.js';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Conf from 'conf';
import { ConfigError } from '../errors.js';
import type { FlowState, Store } from '../flow/ports.js';
import { profilePath } from './paths.js';
import { ENVIRONMENTS, profileSchema } from './schema.js';

export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export interface Settings {
  client_id?: string;
  api_key?: string;
  environment?: EnvironmentName;
  base_url?: string;
  api_version?: ApiVersion;
  production_confirmed?: boolean;
}

interface ProfileFile {
  settings: Settings;
  environments: Record<string, FlowState>;
}

export interface ProfileStore {
  readonly path: string;
  settings(): Settings;
  updateSettings(patch: Settings): void;
  unsetSetting(key: keyof Settings): void;
  /** The flow's store for one environment (guids from sandbox runs never mix with MX's). */
  flowStore(environmentKey: string): Store;
  environmentKeys(): string[];
}

export async function openProfileStore(dir: string, profile: string): Promise<ProfileStore> {
  const path = profilePath(dir, profile);
  ensurePrivateDir(dirname(dirname(path)));
  ensurePrivateDir(dirname(path));
  const { default: ConfClass } = await import('conf');
  let conf: Conf<ProfileFile>;
  try {
    conf = new ConfClass<ProfileFile>({
      projectName: 'mx-iav',
      cwd: dirname(path),
      configName: profile,
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      schema: profileSchema as never,
      // The schema is ours and fixed (test/store checks it once); checking it against JSON Schema's meta-schema
      // on every start compiled that meta-schema each time, tens of milliseconds.
      ajvOptions: { validateSchema: false },
    });
  } catch (error) {
    throw new ConfigError(
      `The config file ${path} cannot be read: ${describeConfError(error)}.`,
      `Fix the file by hand, or move it away to start afresh (your MX guids in it would be forgotten).`,
    );
  }
  const write = (mutate: (file: ProfileFile) => void) => {
    const next: ProfileFile = { settings: { ...conf.get('settings') }, environments: { ...conf.get('environments') } };
    mutate(next);
    try {
      conf.set(next);
    } catch (error) {
      throw new ConfigError(`mx-iav could not save ${path}: ${describeConfError(error)}.`);
    }
  };

  return {
    path,
    settings: () => ({ ...conf.get('settings') }),
    updateSettings: (patch) => write((file) => Object.assign(file.settings, patch)),
    unsetSetting: (key) => write((file) => delete file.settings[key]),
    environmentKeys: () => Object.keys(conf.get('environments')),
    flowStore: (key) => ({
      read: () => ({ ...conf.get('environments')[key] }),
      update: (patch) => write((file) => (file.environments[key] = { ...file.environments[key], ...patch })),
      forget: (keys) =>
        write((file) => {
          const state = { ...file.environments[key] };
          for (const name of keys) delete state[name];
          file.environments[key] = state;
        }),
    }),
  };
}

function ensurePrivateDir(dir: string) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new ConfigError(`mx-iav cannot create its config directory ${dir} (${code}).`, 'Check MX_IAV_CONFIG_DIR: it must be a directory you can write to.');
  }
  try {
    chmodSync(dir, 0o700);
  } catch {
    // A directory someone else owns (a shared MX_IAV_CONFIG_DIR) keeps its mode; the files inside are still 0600.
  }
}

// conf's messages name the key at fault ("Config schema violation: `settings/environment` must be ...").
function describeConfError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Config schema violation: /, 'invalid value, ').replace(/\.$/, '').slice(0, 300);
}
