import { ConfigError } from '../errors.js';
import type { Member } from '../mx/types.js';
import type { CommandInput } from '../session/command-kit.js';
import { openRuntime } from '../session/runtime.js';
import { formatTable } from '../ui/format.js';
import { checkGuidFlag, withLookupHint } from './guid-flags.js';
import { emit, terminalWidth } from './output.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { userOption } from './specs/shared.js';
import { hint, step } from '../next-step.js';

type Options = OptionsOf<typeof userOption>;

export async function run({ globals, options, signal }: CommandInput<Options>) {
  const runtime = await openRuntime(globals, signal);
  try {
    const { client } = runtime;
    const saved = runtime.store.read();
    const userGuid = checkGuidFlag('USR', '--user', options.user) ?? saved.user_guid;
    if (!userGuid) {
      throw new ConfigError(
        `No user is saved in profile "${globals.profile}" for ${runtime.connection.environment}.`,
        hint`Pass --user USR-... (find one with: ${step('users')})`,
      );
    }
    const members: Member[] = [];
    // A user guid MX does not know is one sentence and the command that lists the users, not a raw 404.
    const typed = { user: options.user !== undefined, member: false, account: false };
    await withLookupHint(runtime, { userGuid, memberGuid: '', typed }, async () => {
      for await (const member of client.paginate((page) => client.listMembers(userGuid, page))) members.push(member);
    });
    emit(globals, { user_guid: userGuid, members }, () =>
      members.length === 0
        ? `User ${userGuid} has no members.`
        : formatTable(
            ['Guid', 'Institution', 'Status', 'OAuth', 'Last success'],
            members.map((member) => [
              `${member.guid}${member.guid === saved.member_guid ? ' (saved)' : ''}`,
              member.institution_code,
              `${member.connection_status ?? 'no status'}${member.is_being_aggregated ? ' (working)' : ''}`,
              member.is_oauth ? 'yes' : 'no',
              member.successfully_aggregated_at,
            ]),
            terminalWidth(globals.io.stdout),
          ),
    );
  } finally {
    await runtime.close();
  }
}
