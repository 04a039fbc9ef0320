import type { CommandInput } from '../session/command-kit.js';
import { openRuntime } from '../session/runtime.js';
import { formatTable } from '../ui/format.js';
import type { User } from '../mx/types.js';
import { emit, terminalWidth } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { usersOptions } from './specs/tools.js';

type Options = OptionsOf<typeof usersOptions>;

export async function run({ globals, options, signal }: CommandInput<Options>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const { client } = runtime;
    const filter = { ...(options.id && { id: options.id }), ...(options.email && { email: options.email }) };
    const users: User[] = [];
    for await (const user of client.paginate((page) => client.listUsers({ ...page, ...filter }))) users.push(user);
    const saved = runtime.store.read().user_guid;
    emit(globals, { users }, () =>
      users.length === 0
        ? 'No users match.'
        : `${formatTable(
            ['Guid', 'Id', 'Email', 'Disabled', 'Metadata'],
            users.map((user) => [
              `${user.guid}${user.guid === saved ? ' (saved)' : ''}`,
              user.id,
              user.email,
              user.is_disabled ? 'yes' : 'no',
              user.metadata?.slice(0, 40),
            ]),
            terminalWidth(globals.io.stdout),
          )}\n\n${users.length} user${users.length === 1 ? '' : 's'}`,
    );
  } finally {
    await runtime.close();
  }
}
