import { runVerification } from '../flow/verify.js';
import type { CommandInput } from '../program-action.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { accountNumberViews, accountNumbersTable } from './account-view.js';
import { pollTiming } from './durations.js';
import { emit } from './output.js';
import { readPresets, type AnswerFlags } from './presets.js';

export interface VerifyFlags extends AnswerFlags {
  institution?: string;
  new?: boolean;
  updateCredentials?: boolean;
  timeout?: string;
  pollInterval?: string;
  reveal?: boolean;
}

export async function run({ globals, options, signal }: CommandInput<VerifyFlags>) {
  const runtime = await openRuntime(globals, signal, readPresets(options));
  try {
    await verifyAndReport(runtime, options);
  } finally {
    await runtime.close();
  }
}

export async function verifyAndReport(runtime: Runtime, options: VerifyFlags) {
  const { globals } = runtime;
  const result = await runVerification(runtime, {
    ...pollTiming(runtime.connection, options),
    institutionCode: options.institution,
    startOver: options.new,
    updateCredentials: options.updateCredentials,
    signal: runtime.signal,
  });
  const reveal = options.reveal === true;
  emit(
    globals,
    {
      status: 'verified',
      environment: runtime.connection.environment,
      user_guid: result.user_guid,
      member_guid: result.member_guid,
      institution: result.institution,
      connection_status: result.connection_status,
      verified_at: result.successfully_aggregated_at,
      account_numbers: accountNumberViews(result.account_numbers, result.accounts, reveal),
    },
    () => {
      const table = accountNumbersTable(result.account_numbers, result.accounts, { reveal, color: globals.color });
      return reveal ? `\n${table}` : `\n${table}\n\nAccount numbers are masked; show them whole with: mx-iav account-numbers --reveal`;
    },
  );
}
