import type { CommandInput } from '../cli/command-kit.js';
import { openRuntime } from '../cli/session.js';
import { emit } from './output.js';

export interface CreateUserFlags {
  id?: string;
  email?: string;
  metadata?: string;
}

export async function run({ globals, options, signal }: CommandInput<CreateUserFlags>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const user = await runtime.client.createUser({
      ...(options.id === undefined ? {} : { id: options.id }),
      ...(options.email === undefined ? {} : { email: options.email }),
      metadata: options.metadata ?? 'created by mx-iav',
    });
    // A new user starts a new verification: the previous member belonged to another user.
    runtime.store.forget(['member_guid', 'step', 'history', 'last_error']);
    runtime.store.update({ user_guid: user.guid, step: 'institution' });
    emit(globals, { user }, () => `Created user ${user.guid}${user.id ? ` (id ${user.id})` : ''}. Next: mx-iav search-institution NAME`);
  } finally {
    await runtime.close();
  }
}
