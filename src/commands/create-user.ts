import type { CommandInput } from '../session/command-kit.js';
import { openRuntime } from '../session/runtime.js';
import { ensureUser } from '../flow/setup.js';
import { emit } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { createUserOptions } from './specs/guide.js';
import { step } from '../next-step.js';
import { hintFor } from '../session/next-steps.js';

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
    const said = hintFor(globals.invocation);
    const instead = replaced ? said`It replaces ${replaced} as the profile's saved user (still at MX: ${step('members', { user: replaced })}). ` : '';
    const next = said`Next: ${step('search-institution', 'NAME')}`;
    emit(globals, { user, replaced_user_guid: replaced }, () => `Created user ${user.guid}${user.id ? ` (id ${user.id})` : ''}. ${instead}${next}`);
  } finally {
    await runtime.close();
  }
}
