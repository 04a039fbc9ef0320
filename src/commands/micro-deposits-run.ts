// What every micro-deposit command shares: the prompter for this terminal, the wait timing, and the result shown.
import type { Runtime } from '../session/runtime.js';
import { whyNoPrompts } from '../session/runtime.js';
import { MICRO_DEPOSIT_ATTEMPTS } from '../domain/micro-deposits.js';
import { describeMicroDeposit, type MicroDepositWords } from '../flow/micro-deposit-messages.js';
import type { MicroDepositDeps, MicroDepositTiming } from '../flow/micro-deposit-ports.js';
import { chooseMicroDeposit, type ChooseOptions } from '../flow/micro-deposit-setup.js';
import { attemptsUsed, followMicroDeposit } from '../flow/micro-deposits.js';
import type { MicroDeposit } from '../mx/micro-deposit-types.js';
import { createInteractiveMicroDepositPrompter, createNoInputMicroDepositPrompter } from '../ui/micro-deposit-prompter.js';
import { formatMicroDeposit, microDepositView } from '../ui/micro-deposit-format.js';
import { pollTiming } from '../session/durations.js';
import { readMicroDepositPresets } from './micro-deposits-options.js';
import type { MicroDepositsOptions } from './specs/micro-deposits.js';
import { emit } from './output.js';
import { formatHint, nextStepsJson } from '../session/next-steps.js';
import { mapSteps } from '../next-step.js';

// The spec: "The actual status of the microdeposit guid updates every minute", so MX is read no more often than that.
const MX_MICRO_DEPOSIT_POLL_MS = 60_000;

export function microDepositDeps(runtime: Runtime, flags: MicroDepositsOptions): MicroDepositDeps {
  const presets = readMicroDepositPresets(flags);
  const noPrompts = whyNoPrompts(runtime.globals);
  const deposits = noPrompts === undefined
    ? createInteractiveMicroDepositPrompter(presets, { input: runtime.globals.io.stdin, output: runtime.globals.io.stderr }, runtime.signal)
    : createNoInputMicroDepositPrompter(presets, noPrompts);
  return { ...runtime, deposits };
}

export function microDepositTiming(runtime: Runtime, flags: MicroDepositsOptions): MicroDepositTiming {
  const timing = pollTiming(runtime.connection, flags);
  const pollIntervalMs = runtime.connection.isMx ? Math.max(MX_MICRO_DEPOSIT_POLL_MS, timing.pollIntervalMs) : timing.pollIntervalMs;
  return { timeoutMs: timing.timeoutMs, pollIntervalMs, signal: runtime.signal };
}

/** The micro-deposit on stdout (one JSON document under --json), its status in words and what to do next. */
export function reportMicroDeposit(runtime: Runtime, userGuid: string, microDeposit: MicroDeposit, flags: MicroDepositsOptions) {
  const view = microDepositView(microDeposit, flags.reveal === true);
  const described = addressed(describeMicroDeposit(microDeposit.status), userGuid, microDeposit.guid, flags);
  const words = { sentence: described.sentence, next: formatHint(described.next, runtime.globals.invocation) };
  // The wrong tries counted are this profile's: another micro-deposit's are known only from its status.
  const saved = runtime.store.read().micro_deposit_guid === microDeposit.guid;
  const used = saved ? attemptsUsed(runtime, microDeposit.status) : microDeposit.status === 'PREVENTED' ? MICRO_DEPOSIT_ATTEMPTS : microDeposit.status === 'DENIED' ? 1 : 0;
  const attemptsLeft = MICRO_DEPOSIT_ATTEMPTS - used;
  const json = {
    status: microDeposit.status === 'VERIFIED' ? 'verified' : (microDeposit.status ?? 'unknown').toLowerCase(),
    environment: runtime.connection.environment,
    user_guid: userGuid,
    micro_deposit_guid: microDeposit.guid,
    micro_deposit: view,
    attempts_left: attemptsLeft,
    message: words.sentence,
    next: words.next ?? null,
    ...(described.next && { next_steps: nextStepsJson(described.next, runtime.globals.invocation) }),
  };
  const masked = flags.reveal || !view.account_number ? '' : '\n\nThe account number is masked; show it whole with --reveal';
  emit(runtime.globals, json, () => `${formatMicroDeposit(view, words)}${masked}`);
}

/**
 * A run addressed by --user or --micro-deposit: its next step names them, never the profile's saved micro-deposit
 * (maybe another customer's).
 */
export function addressed(words: MicroDepositWords, userGuid: string, guid: string | undefined, flags: Pick<MicroDepositsOptions, 'user' | 'microDeposit'>): MicroDepositWords {
  if (!words.next || (flags.user === undefined && flags.microDeposit === undefined)) return words;
  const next = mapSteps(words.next, (next) => {
    // `resume` continues the profile's saved micro-deposit; this one's amounts are confirmed with its own verify.
    const command = next.command === 'resume' ? 'micro-deposits verify' : next.command;
    if (!command.startsWith('micro-deposits ') || command === 'micro-deposits create') return next;
    const one: Record<string, string> = command === 'micro-deposits list' || !guid ? {} : { 'micro-deposit': guid };
    return { ...next, command, flags: { user: userGuid, ...one, ...next.flags } };
  });
  return { ...words, next };
}

/** Chooses (or creates) the micro-deposit, follows it to VERIFIED and reports it; failures are exit 5. */
export async function verifyWithMicroDeposits(runtime: Runtime, flags: MicroDepositsOptions, choose: ChooseOptions = {}) {
  const deps = microDepositDeps(runtime, flags);
  const timing = microDepositTiming(runtime, flags);
  const { userGuid, microDeposit } = await chooseMicroDeposit(deps, choose);
  const result = await followMicroDeposit(deps, userGuid, microDeposit, timing);
  reportMicroDeposit(runtime, result.user_guid, result.micro_deposit, flags);
}
