import type { CommandInput } from '../session/command-kit.js';
import { openRuntime, writeErr } from '../session/runtime.js';
import { accountNumberViews, accountNumbersTable, routingNumberWarnings } from './account-view.js';
import { checkGuidFlag, targetMember, withLookupHint } from './guid-flags.js';
import { emit, terminalWidth } from './output.js';
import { readPresets } from './presets.js';
import { paymentJson, paymentTable, runPayment } from './payment-report.js';
import type { OptionsOf } from '../session/command-spec.js';
import type { accountNumbersOptions } from './specs/tools.js';
import { step } from '../next-step.js';
import { hintFor } from '../session/next-steps.js';

type Options = OptionsOf<typeof accountNumbersOptions>;

export async function run({ globals, options, signal }: CommandInput<Options>) {
  // Checked before anything starts, so a malformed guid costs nothing.
  checkGuidFlag('ACT', '--account', options.account);
  const runtime = await openRuntime(globals, signal, await readPresets({ answer: options.answer }, { io: globals.io, signal }));
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
    const owner = options.owner === true || options.expectOwner !== undefined;
    const ask = { owner, balance: options.balance === true, ...(options.expectOwner !== undefined ? { expectOwner: options.expectOwner } : {}) };
    // Owners and balances are checked only for a verified member: with no numbers there is no account to pay.
    const payment = (ask.owner || ask.balance) && numbers.length > 0
      ? await withLookupHint(runtime, target, async () => {
        const member = await runtime.client.readMember(userGuid, memberGuid);
        const institutionName = member.name ?? member.institution_code ?? 'The institution';
        return runPayment(runtime, { userGuid, memberGuid, institutionName }, ask, options, { numbers, accounts });
      })
      : undefined;
    for (const warning of routingNumberWarnings(numbers)) writeErr(globals.io, warning);
    const json = { user_guid: userGuid, member_guid: memberGuid, account_numbers: accountNumberViews(numbers, accounts, reveal) };
    emit(globals, payment ? { ...json, ...paymentJson(payment, reveal) } : json, () => {
      if (numbers.length === 0) return hintFor(globals.invocation)`No account numbers yet: the member has not been verified, or none of its accounts is eligible. Run: ${step('verify')}`;
      const table = accountNumbersTable(numbers, accounts, { reveal, color: globals.stdoutColor, width: terminalWidth(globals.io.stdout) });
      return payment ? `${table}\n\n${paymentTable(payment, { reveal, color: globals.stdoutColor })}` : table;
    });
  } finally {
    await runtime.close();
  }
}
