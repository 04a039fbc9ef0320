import type { CommandInput } from '../cli/command-kit.js';
import { openRuntime, writeErr } from '../cli/session.js';
import { accountNumberViews, accountNumbersTable, routingNumberWarnings } from './account-view.js';
import { checkGuidFlag, targetMember, withLookupHint } from './guid-flags.js';
import { emit } from './output.js';

export interface AccountNumbersFlags {
  user?: string;
  member?: string;
  account?: string;
  reveal?: boolean;
}

export async function run({ globals, options, signal }: CommandInput<AccountNumbersFlags>) {
  // Checked before anything starts, so a malformed guid costs nothing.
  checkGuidFlag('ACT', '--account', options.account);
  const runtime = await openRuntime(globals, signal);
  try {
    const target = targetMember(runtime, options);
    const { userGuid, memberGuid, accountGuid } = target;
    const [numbers, accounts] = await withLookupHint(runtime, target, () =>
      Promise.all([
        accountGuid
          ? runtime.client.listAccountNumbersByAccount(userGuid, accountGuid)
          : runtime.client.listAccountNumbersByMember(userGuid, memberGuid),
        runtime.client.listMemberAccounts(userGuid, memberGuid),
      ]),
    );
    const reveal = options.reveal === true;
    for (const warning of routingNumberWarnings(numbers)) writeErr(warning);
    emit(globals, { user_guid: userGuid, member_guid: memberGuid, account_numbers: accountNumberViews(numbers, accounts, reveal) }, () =>
      numbers.length === 0
        ? 'No account numbers yet: the member has not been verified, or none of its accounts is eligible. Run: mx-iav verify'
        : accountNumbersTable(numbers, accounts, { reveal, color: globals.stdoutColor }),
    );
  } finally {
    await runtime.close();
  }
}
