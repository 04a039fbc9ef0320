import type { CommandInput } from '../cli/command-kit.js';
import { openRuntime } from '../cli/session.js';
import { ensureUser } from '../flow/setup.js';
import { emit } from './output.js';

export interface CreateUserFlags {
  id?: string;
  email?: string;
  metadata?: string;
}

export async function run({ globals, options, signal }: CommandInput<CreateUserFlags>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const { user } = await ensureUser(
      runtime,
      {
        ...(options.id === undefined ? {} : { id: options.id }),
        ...(options.email === undefined ? {} : { email: options.email }),
        ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
      },
      { replace: true },
    );
    emit(globals, { user }, () => `Created user ${user.guid}${user.id ? ` (id ${user.id})` : ''}. Next: mx-iav search-institution NAME`);
  } finally {
    await runtime.close();
  }
}
