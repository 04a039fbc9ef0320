import type { CommandInput } from '../session/command-kit.js';
import { UsageError } from '../errors.js';
import { configDir, checkProfileName } from '../store/paths.js';
import { listProfiles, removeProfile, type ProfileSummary } from '../store/profile-list.js';
import { formatTable } from '../ui/format.js';
import { sanitize } from '../ui/sanitize.js';
import { emit } from './output.js';
import { hint, step } from '../next-step.js';

/** `profiles list` and `profiles remove NAME`: no MX request, so no connection or sandbox is opened. */
export async function run({ globals, args }: CommandInput) {
  const [action, name] = args;
  if (action === 'list') {
    const profiles = listProfiles(configDir(globals.io.env));
    return emit(globals, { profiles }, () =>
      profiles.length === 0
        ? 'No profiles yet: the first command that saves something creates one.'
        : formatTable(
            ['Profile', 'Environment', 'API key', 'Saved user', 'Saved member'],
            profiles.map((profile) => [profile.name, profile.environment ?? 'default', profile.api_key_saved ? 'saved' : 'no', ...lastSaved(profile)]),
          ),
    );
  }
  if (action === 'remove' && name !== undefined) {
    const removed = removeProfile(configDir(globals.io.env), checkProfileName(name), 'mx-iav profiles remove');
    const guids = removed.saved.flatMap((saved) => [saved.user_guid, saved.member_guid]).filter((guid) => guid !== null);
    // The users stay at MX: the guids are printed so they can still be found (members --user) or deleted.
    const kept = guids.length > 0 ? ` It had saved ${guids.join(', ')}: what it made at MX stays there; its built-in sandbox state is removed with it.` : '';
    return emit(globals, { removed: removed.name, saved: removed.saved }, () => `Removed profile "${removed.name}".${kept}`);
  }
  throw new UsageError(
    action === 'remove' ? 'profiles remove needs the profile\'s name.' : `profiles takes list or remove NAME, not "${sanitize(String(action ?? '')).slice(0, 40)}".`,
    hint`See the profiles with: ${step('profiles', 'list')}`,
  );
}

function lastSaved(profile: ProfileSummary): [string, string] {
  const saved = profile.saved.find((entry) => entry.user_guid !== null);
  return [saved?.user_guid ?? '–', saved?.member_guid ?? '–'];
}
