import { runVerification, type VerificationResult } from '../flow/verify.js';
import type { CommandInput } from '../cli/command-kit.js';
import { openRuntime, writeErr, type Runtime } from '../cli/session.js';
import { accountNumberViews, accountNumbersTable, routingNumberWarnings } from './account-view.js';
import { pollTiming } from './durations.js';
import { verifyOrFallBack, type FallbackFlags } from './micro-deposits-fallback.js';
import { emit } from './output.js';
import { readPresets, type AnswerFlags } from './presets.js';

export interface VerifyFlags extends AnswerFlags, FallbackFlags {
  institution?: string;
  new?: boolean;
  updateCredentials?: boolean;
  timeout?: string;
  pollInterval?: string;
  reveal?: boolean;
  scenario?: string;
  expect?: string;
  junit?: string;
}

export async function run(input: CommandInput<VerifyFlags>) {
  const { globals, options, signal } = input;
  const runtime = await openRuntime(globals, signal, await readPresets(options, { signal }));
  try {
    await verifyAndReport(runtime, options);
  } finally {
    await runtime.close();
  }
}

export async function verifyAndReport(runtime: Runtime, options: VerifyFlags) {
  await verifyOrFallBack(runtime, options, async () => reportVerified(runtime, await verifyOnce(runtime, options), options));
}

export function verifyOnce(runtime: Runtime, options: VerifyFlags): Promise<VerificationResult> {
  return runVerification(runtime, {
    ...pollTiming(runtime.connection, options),
    institutionCode: options.institution,
    startOver: options.new,
    updateCredentials: options.updateCredentials,
    signal: runtime.signal,
  });
}

/** The verified numbers on stdout; `extra` adds fields to the JSON document (a scenario's expectation). */
export function reportVerified(runtime: Runtime, result: VerificationResult, options: VerifyFlags, extra: object = {}) {
  const { globals } = runtime;
  const reveal = options.reveal === true;
  for (const warning of routingNumberWarnings(result.account_numbers)) writeErr(warning);
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
      ...extra,
    },
    () => {
      const table = accountNumbersTable(result.account_numbers, result.accounts, { reveal, color: globals.stdoutColor });
      return reveal ? `\n${table}` : `\n${table}\n\nAccount numbers are masked; show them whole with: mx-iav account-numbers --reveal`;
    },
  );
}
