import { runVerification, type VerificationResult } from '../flow/verify.js';
import type { CommandInput } from '../session/command-kit.js';
import { openRuntime, writeErr, type Runtime } from '../session/runtime.js';
import { accountNumberViews, accountNumbersTable, routingNumberWarnings } from './account-view.js';
import { pollTiming } from '../session/durations.js';
import { verifyOrFallBack } from './micro-deposits-fallback.js';
import { emit, terminalWidth } from './output.js';
import { paymentAsk, paymentJson, paymentTable, runPayment } from './payment-report.js';
import type { PaymentAsk, PaymentOutcome } from '../flow/payment-check.js';
import { readPresets } from './presets.js';
import type { VerificationOptions, VerifyOptions } from './specs/guide.js';
import { step } from '../next-step.js';
import { hintFor } from '../session/next-steps.js';

export async function run(input: CommandInput<VerifyOptions>) {
  const { globals, options, signal } = input;
  const runtime = await openRuntime(globals, signal, await readPresets(options, { io: globals.io, signal }));
  try {
    await verifyAndReport(runtime, options);
  } finally {
    await runtime.close();
  }
}

/** `resume` passes `fallBackToSaved`: the owner and balance checks the interrupted run asked for are finished too. */
export async function verifyAndReport(runtime: Runtime, options: VerificationOptions, { fallBackToSaved = false } = {}) {
  const ask = paymentAsk(runtime, options, { fallBackToSaved });
  await verifyOrFallBack(runtime, options, async () => {
    const result = await verifyOnce(runtime, options, ask);
    const payment = ask ? await paymentFor(runtime, result, ask, options) : undefined;
    reportVerified(runtime, result, options, {}, payment);
  });
}

export function verifyOnce(runtime: Runtime, options: VerificationOptions, ask: PaymentAsk | null = null): Promise<VerificationResult> {
  return runVerification(runtime, {
    ...pollTiming(runtime.connection, options),
    institutionCode: options.institution,
    startOver: options.new,
    updateCredentials: options.updateCredentials,
    identify: ask?.owner === true,
    reverify: options.reverify,
    signal: runtime.signal,
  });
}

/** The owner and balance checks of a verified member (verify --owner/--balance, and scenario runs). */
export function paymentFor(runtime: Runtime, result: VerificationResult, ask: PaymentAsk, options: VerificationOptions): Promise<PaymentOutcome> {
  const target = { userGuid: result.user_guid, memberGuid: result.member_guid, institutionName: result.institution.name ?? result.institution.code ?? 'The institution' };
  const identified = result.identified_at_create === true ? { identifiedAtCreate: true } : {};
  return runPayment(runtime, target, { ...ask, ...identified }, options, { numbers: result.account_numbers, accounts: result.accounts });
}

/** The verified numbers on stdout; `extra` adds fields to the JSON document (a scenario's expectation). */
export function reportVerified(runtime: Runtime, result: VerificationResult, options: VerificationOptions, extra: object = {}, payment?: PaymentOutcome) {
  const { globals } = runtime;
  const said = hintFor(globals.invocation);
  const reveal = options.reveal === true;
  for (const warning of routingNumberWarnings(result.account_numbers)) writeErr(runtime.globals.io, warning);
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
      reused: result.reused,
      account_numbers: accountNumberViews(result.account_numbers, result.accounts, reveal),
      ...(payment ? paymentJson(payment, reveal) : {}),
      ...extra,
    },
    () => {
      const numbers = accountNumbersTable(result.account_numbers, result.accounts, { reveal, color: globals.stdoutColor, width: terminalWidth(globals.io.stdout) });
      const table = payment ? `${numbers}\n\n${paymentTable(payment, { reveal, color: globals.stdoutColor })}` : numbers;
      // Nothing was sent to MX: say whose numbers these are, and how to have them verified anew.
      const reused = result.reused
        ? `Reused the verification of member ${result.member_guid} from ${result.successfully_aggregated_at ?? 'an earlier run'}; no new one was sent. ${said`Verify again with: ${step(runtime.globals.command === 'resume' ? 'resume' : 'verify', { reverify: true })}`}\n`
        : '';
      return reveal ? `${reused}\n${table}` : `${reused}\n${table}\n\n${said`Account numbers are masked; show them whole with: ${step('account-numbers', { reveal: true })}`}`;
    },
  );
}
