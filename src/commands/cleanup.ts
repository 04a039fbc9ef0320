import { MX_IAV_MARKER } from '../domain/identifiers.js';
import { CliError, EXIT, InputRequiredError } from '../errors.js';
import { isNotFound } from '../flow/saved-guids.js';
import type { User } from '../mx/types.js';
import type { CommandInput } from '../session/command-kit.js';
import { openRuntime, writeErr, type Runtime } from '../session/runtime.js';
import { formatTable } from '../ui/format.js';
import { emit, terminalWidth } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { cleanupOptions } from './specs/tools.js';
import { hint, step } from '../next-step.js';

type Options = OptionsOf<typeof cleanupOptions>;

// What the client and `create-user` put on the users they create; nothing else is ever deleted.
const PARTNER_ID_PREFIX = 'mx-iav-';

export const isCreatedByMxIav = (user: User) => Boolean(user.id?.startsWith(PARTNER_ID_PREFIX) || user.metadata === MX_IAV_MARKER);

export async function run({ globals, options, signal }: CommandInput<Options>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const users = options.all ? await everyMxIavUser(runtime) : await profileUsers(runtime);
    const what = describe(runtime, users.length, options);
    if (users.length === 0) {
      const hint = options.all ? '' : ' (mx-iav cleanup --all deletes every user mx-iav made for this MX client.)';
      emit(globals, { deleted: [], failed: [] }, () => `No ${what}: nothing to delete.${hint}`);
      return;
    }
    if (!(await confirmed(runtime, users, what, options))) {
      emit(globals, { deleted: [], failed: [], cancelled: true }, () => 'Nothing was deleted.');
      return;
    }
    const { deleted, failed } = await deleteAll(runtime, users);
    forgetDeleted(runtime, deleted);
    emit(globals, { deleted, failed }, () =>
      [`Deleted ${deleted.length} of ${what}.`, ...failed.map((f) => `  ${f.guid}: ${f.message}`)].join('\n'),
    );
    if (failed.length > 0) {
      throw new CliError(`${failed.length} user${failed.length === 1 ? '' : 's'} could not be deleted.`, { exitCode: EXIT.api, code: 'cleanup_incomplete', hint: hint`Run ${step('cleanup')} again.` });
    }
  } finally {
    await runtime.close();
  }
}

/** Every user of the MX client that mx-iav made, by any profile or config directory: only with --all. */
async function everyMxIavUser({ client }: Runtime): Promise<User[]> {
  const users: User[] = [];
  for await (const user of client.paginate((page) => client.listUsers(page))) if (isCreatedByMxIav(user)) users.push(user);
  return users;
}

/** The users this profile created that MX still has; those MX no longer knows are forgotten. */
async function profileUsers(runtime: Runtime): Promise<User[]> {
  const key = runtime.connection.storeKey;
  const users: User[] = [];
  const gone: string[] = [];
  for (const guid of runtime.profile.createdUsers(key)) {
    runtime.signal.throwIfAborted();
    try {
      const user = await runtime.client.readUser(guid);
      if (isCreatedByMxIav(user)) users.push(user);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      gone.push(guid);
    }
  }
  if (gone.length > 0) runtime.profile.forgetCreatedUsers(key, gone);
  return users;
}

async function deleteAll({ client, signal }: Runtime, users: User[]) {
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
  return { deleted, failed };
}

function describe(runtime: Runtime, count: number, options: Options): string {
  const users = `${count === 0 ? '' : `${count} `}${runtime.connection.environment} user${count === 1 ? '' : 's'}`;
  return options.all ? `${users} created by mx-iav` : `${users} created by the profile "${runtime.globals.profile}"`;
}

async function confirmed(runtime: Runtime, users: User[], what: string, options: Options): Promise<boolean> {
  if (options.yes) return true;
  if (!runtime.interactive) {
    throw new InputRequiredError(`mx-iav cleanup would delete ${what}, but cannot ask for confirmation without a terminal (or with --no-input).`, 'Pass --yes to delete them.');
  }
  writeErr(runtime.globals.io, formatTable(['Guid', 'Id', 'Email'], users.map((user) => [user.guid, user.id, user.email]), terminalWidth(runtime.globals.io.stderr)));
  return runtime.prompter.confirm(`Delete these ${what}, with their members?`, { defaultValue: false, fallbackValue: false });
}

/** A deleted user's guids must not be offered to the next run. */
function forgetDeleted(runtime: Runtime, deleted: string[]) {
  if (deleted.length === 0) return;
  runtime.profile.forgetCreatedUsers(runtime.connection.storeKey, deleted);
  if (deleted.includes(runtime.store.read().user_guid ?? '')) {
    // The user's micro-deposits go with it.
    runtime.store.forget(['user_guid', 'member_guid', 'step', 'history', 'last_error', 'micro_deposit_guid', 'pending_micro_deposit_known', 'micro_deposit_attempts']);
  }
}
