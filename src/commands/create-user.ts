import type { CommandInput } from '../session/command-kit.js';
import { openRuntime } from '../session/runtime.js';
import { ensureUser } from '../flow/setup.js';
import { emit } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { createUserOptions } from './specs/guide.js';

type Options = OptionsOf<typeof createUserOptions>;

export async function run({ globals, options, signal }: CommandInput<Options>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const replaced = runtime.store.read().user_guid ?? null;
    const { user } = await ensureUser(
      runtime,
      {
        ...(options.id === undefined ? {} : { id: options.id }),
        ...(options.email === undefined ? {} : { email: options.email }),
        ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
      },
      { replace: true },
    );
    // A user created again replaces the saved one in the profile; it stays at MX, so say which it was.
    const instead = replaced ? `It replaces ${replaced} as the profile's saved user (still at MX: mx-iav members --user ${replaced}). ` : '';
    emit(globals, { user, replaced_user_guid: replaced }, () => `Created user ${user.guid}${user.id ? ` (id ${user.id})` : ''}. ${instead}Next: mx-iav search-institution NAME`);
  } finally {
    await runtime.close();
  }
}
