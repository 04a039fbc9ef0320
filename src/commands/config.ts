import { checkApiVersion, checkBaseUrl, describeDestination, keyDestination } from '../session/connection.js';
import type { CommandInput, GlobalOptions } from '../session/command-kit.js';
import { isInteractive } from '../session/runtime.js';
import { UsageError } from '../errors.js';
import { checkProfileName, configDir } from '../store/paths.js';
import { openProfileStore, type ProfileStore, type Settings } from '../store/profile-store.js';
import { ENVIRONMENTS } from '../store/schema.js';
import { askSecret } from '../ui/ask-secret.js';
import { SETTING_KEYS } from './config-words.js';
import { emit } from './output.js';
import { readStdin } from './read-stdin.js';
import { hint, step } from '../next-step.js';
import { hintFor } from '../session/next-steps.js';

type Key = keyof typeof SETTING_KEYS;
const HIDDEN = '******** (set; never shown)';

export async function run({ globals, args, signal }: CommandInput) {
  const [action, keyName, value] = args;
  // Reading takes no lock; set and unset take it when they write (after the key is read, never while waiting for it).
  const profile = await openProfileStore(configDir(globals.io.env), checkProfileName(globals.profile), { command: 'mx-iav config' });
  const key = keyName === undefined ? undefined : settingKey(keyName);
  switch (action) {
    case 'path':
      return emit(globals, { path: profile.path }, () => profile.path);
    case 'list':
      return list(globals, profile);
    case 'get': {
      const name = SETTING_KEYS[requireKey(key)];
      const current = shown(name, profile.settings());
      return emit(globals, { [name]: current }, () => String(current ?? '(not set)'));
    }
    case 'unset': {
      const chosen = requireKey(key);
      profile.unsetSettings(chosen === 'api-key' ? ['api_key', 'api_key_for'] : [SETTING_KEYS[chosen]]);
      return emit(globals, { unset: chosen }, () => `Removed ${chosen}.`);
    }
    case 'set': {
      const chosen = requireKey(key);
      const note = chosen === 'api-key' ? await setApiKey(globals, profile, value, signal) : setValue(globals, profile, chosen, value);
      return emit(globals, { set: chosen }, () => `Saved ${chosen} in ${profile.path}${note}`);
    }
    default:
      throw new UsageError(`"${String(action).slice(0, 20)}" is not a config action.`, 'Use get, set, unset, list or path.');
  }
}

function shown(name: keyof Settings, settings: Settings) {
  if (name !== 'api_key' || settings.api_key === undefined) return settings[name] ?? null;
  return `${HIDDEN.slice(0, -1)}; for ${describeDestination(settings.api_key_for ?? keyDestination({}, {}, settings))} only)`;
}

function list(globals: GlobalOptions, profile: ProfileStore) {
  const settings = profile.settings();
  const listed = Object.fromEntries(Object.values(SETTING_KEYS).map((name) => [name, shown(name, settings)]));
  const json = { ...listed, api_key: settings.api_key === undefined ? null : HIDDEN, ...(settings.api_key_for && { api_key_for: settings.api_key_for }) };
  return emit(globals, { profile: globals.profile, path: profile.path, settings: json }, () =>
    Object.entries(SETTING_KEYS).map(([flag, name]) => `${flag.padEnd(12)} ${listed[name] ?? '(not set)'}`).join('\n'),
  );
}

/** The key is saved with where it may be sent: the environment and base URL in force now. */
async function setApiKey(globals: GlobalOptions, profile: ProfileStore, argument: string | undefined, signal: AbortSignal) {
  const apiKey = await readApiKey(globals, argument, signal);
  const destination = keyDestination(globals, globals.io.env, profile.settings());
  profile.updateSettings({ api_key: apiKey, api_key_for: destination });
  return `, for ${describeDestination(destination)} only.`;
}

function setValue(globals: GlobalOptions, profile: ProfileStore, key: Exclude<Key, 'api-key'>, value: string | undefined): string {
  const before = profile.settings();
  const checked = checkValue(key, value);
  // A key saved before destinations were recorded belonged to the settings it was used with: keep it to those.
  const pinned = before.api_key !== undefined ? (before.api_key_for ?? keyDestination({}, {}, before)) : undefined;
  profile.updateSettings({ [SETTING_KEYS[key]]: checked, ...(pinned && { api_key_for: pinned }) });
  if (!pinned || (key !== 'environment' && key !== 'base-url')) return '.';
  const now = keyDestination({}, {}, profile.settings());
  if (now.environment === pinned.environment && now.base_url === pinned.base_url) return '.';
  return hintFor(globals.invocation)`.\nThe saved API key stays for ${describeDestination(pinned)} only: to use one with ${describeDestination(now)}, run ${step('config', 'set', 'api-key')}.`;
}

function settingKey(name: string): Key {
  if (name in SETTING_KEYS) return name as Key;
  throw new UsageError(`"${name.slice(0, 40)}" is not a setting.`, `Settings: ${Object.keys(SETTING_KEYS).join(', ')}.`);
}

function requireKey(key: Key | undefined): Key {
  if (key === undefined) throw new UsageError('Name the setting.', `Settings: ${Object.keys(SETTING_KEYS).join(', ')}.`);
  return key;
}

function checkValue(key: Exclude<Key, 'api-key'>, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Give a value for ${key}.`);
  if (key === 'environment' && !(ENVIRONMENTS as readonly string[]).includes(value)) {
    throw new UsageError(`"${value.slice(0, 40)}" is not an environment.`, 'Use sandbox, development or production.');
  }
  if (key === 'api-version') checkApiVersion(value);
  return key === 'base-url' ? checkBaseUrl(value) : value.trim();
}

/** Never from the command line, where it would stay in the shell's history and the process list. */
async function readApiKey(globals: GlobalOptions, argument: string | undefined, signal: AbortSignal): Promise<string> {
  if (argument !== undefined) {
    throw new UsageError(
      'The API key is not taken as an argument, where it would stay in your shell history.',
      hint`Run \`${step('config', 'set', 'api-key')}\` and type it at the prompt, or pipe it in on stdin.`,
    );
  }
  if (isInteractive(globals)) return checkApiKey(await askSecret('MX API key:', globals.io, signal));
  if (globals.io.stdin.isTTY) {
    throw new UsageError(
      'Without a prompt the API key is read from stdin, and stdin is a terminal here, where the key would show as you type it.',
      hint`Pipe it in (${step('config', 'set', 'api-key')} < key.txt), or run the command in a terminal without --no-input.`,
    );
  }
  return checkApiKey(await readStdin('an MX API key', globals.io.stdin, signal, { maxBytes: 4096, timeoutMs: 60_000 }));
}

function checkApiKey(text: string): string {
  const key = text.trim();
  if (key === '') throw new UsageError('No API key was given.');
  if (key.length > 500 || /\s/.test(key)) throw new UsageError('That is not an MX API key: it is longer than 500 characters or holds spaces or line breaks.');
  return key;
}
