import { MX_IAV_MARKER } from '../domain/identifiers.js';
import { CliError, EXIT, InputRequiredError } from '../errors.js';
import type { User } from '../mx/types.js';
import type { CommandInput } from '../cli/command-kit.js';
import { openRuntime, writeErr, type Runtime } from '../cli/session.js';
import { formatTable } from '../ui/format.js';
import { emit } from './output.js';

export interface CleanupFlags {
  yes?: boolean;
}

// What the client and `create-user` put on the users they create; nothing else is ever deleted.
const PARTNER_ID_PREFIX = 'mx-iav-';

export const isCreatedByMxIav = (user: User) => Boolean(user.id?.startsWith(PARTNER_ID_PREFIX) || user.metadata === MX_IAV_MARKER);

export async function run({ globals, options, signal }: CommandInput<CleanupFlags>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const { client } = runtime;
    const users: User[] = [];
    for await (const user of client.paginate((page) => client.listUsers(page))) if (isCreatedByMxIav(user)) users.push(user);
    if (users.length === 0) {
      emit(globals, { deleted: [], failed: [] }, () => `No ${runtime.connection.environment} user was created by mx-iav: nothing to delete.`);
      return;
    }
    if (!(await confirmed(runtime, users, options))) {
      emit(globals, { deleted: [], failed: [], cancelled: true }, () => 'Nothing was deleted.');
      return;
    }
    const deleted: string[] = [];
    const failed: { guid: string; message: string }[] = [];
    for (const user of users) {
      signal.throwIfAborted();
      try {
        await client.deleteUser(user.guid);
        deleted.push(user.guid);
      } catch (error) {
        failed.push({ guid: user.guid, message: error instanceof Error ? error.message : String(error) });
      }
    }
    forgetDeleted(runtime, deleted);
    emit(globals, { deleted, failed }, () =>
      [`Deleted ${deleted.length} of ${users.length} user${users.length === 1 ? '' : 's'} created by mx-iav.`, ...failed.map((f) => `  ${f.guid}: ${f.message}`)].join('\n'),
    );
    if (failed.length > 0) {
      throw new CliError(`${failed.length} user${failed.length === 1 ? '' : 's'} could not be deleted.`, { exitCode: EXIT.api, code: 'cleanup_incomplete', hint: 'Run mx-iav cleanup again.' });
    }
  } finally {
    await runtime.close();
  }
}

async function confirmed(runtime: Runtime, users: User[], options: CleanupFlags): Promise<boolean> {
  if (options.yes) return true;
  const what = `${users.length} ${runtime.connection.environment} user${users.length === 1 ? '' : 's'} created by mx-iav`;
  if (!runtime.interactive) {
    throw new InputRequiredError(`mx-iav cleanup would delete ${what}, but cannot ask for confirmation without a terminal (or with --no-input).`, 'Pass --yes to delete them.');
  }
  writeErr(formatTable(['Guid', 'Id', 'Email'], users.map((user) => [user.guid, user.id, user.email])));
  return runtime.prompter.confirm(`Delete these ${what}, with their members?`, false);
}

/** A deleted user's guids must not be offered to the next run. */
function forgetDeleted(runtime: Runtime, deleted: string[]) {
  if (deleted.includes(runtime.store.read().user_guid ?? '')) {
    runtime.store.forget(['user_guid', 'member_guid', 'step', 'history', 'last_error']);
  }
}
