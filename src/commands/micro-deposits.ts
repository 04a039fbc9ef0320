// mx-iav micro-deposits create|status|verify|list|delete: the fallback when an institution has no instant account
// verification (shared/mx-verification-extras.md §4). Each works on the profile's saved micro-deposit unless told.
import type { CommandInput } from '../session/command-kit.js';
import { openRuntime, type Runtime } from '../session/runtime.js';
import { MICRO_DEPOSIT_FINAL } from '../domain/micro-deposits.js';
import { ConfigError } from '../errors.js';
import { chooseMicroDeposit } from '../flow/micro-deposit-setup.js';
import { followMicroDeposit, microDepositFailure } from '../flow/micro-deposits.js';
import { allMicroDeposits } from '../mx/micro-deposit-calls.js';
import { formatMicroDepositList } from '../ui/micro-deposit-format.js';
import { checkGuidFlag } from './guid-flags.js';
import { checkMicroDepositGuid, readMicroDepositPresets } from './micro-deposits-options.js';
import type { MicroDepositsOptions } from './specs/micro-deposits.js';
import { microDepositDeps, microDepositTiming, reportMicroDeposit } from './micro-deposits-run.js';
import { emit } from './output.js';
import { hint, step } from '../next-step.js';

type Input = CommandInput<MicroDepositsOptions>;

/** Flags are checked first (nothing sent for a bad one), then the runtime opens, and always closes. */
async function withRuntime(input: Input, work: (runtime: Runtime) => Promise<void>) {
  readMicroDepositPresets(input.options);
  checkMicroDepositGuid(input.options.microDeposit);
  checkGuidFlag('USR', '--user', input.options.user);
  const runtime = await openRuntime(input.globals, input.signal);
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** The user and micro-deposit a command names or the profile saved. */
function target(runtime: Runtime, flags: MicroDepositsOptions): { userGuid: string; guid: string } {
  const saved = runtime.store.read();
  const userGuid = flags.user ?? saved.user_guid;
  const guid = flags.microDeposit ?? saved.micro_deposit_guid;
  if (!userGuid) throw new ConfigError(`No user is saved in profile "${runtime.globals.profile}" for ${runtime.connection.environment}.`, hint`Start with: ${step('micro-deposits create')} (or pass --user USR-...)`);
  if (!guid) throw new ConfigError(`No micro-deposit is saved in profile "${runtime.globals.profile}" for ${runtime.connection.environment}.`, hint`Start one with: ${step('micro-deposits create')} (or pass --micro-deposit MIC-...)`);
  return { userGuid, guid };
}

/** A new micro-deposit (after reconciling one an interrupted create made); exit 5 when MX refuses it at once. */
export async function create(input: Input) {
  await withRuntime(input, async (runtime) => {
    const { userGuid, microDeposit } = await chooseMicroDeposit(microDepositDeps(runtime, input.options), { fresh: true });
    // A refusal is the one document shown (its sentence names the guid, the status and MX's reason).
    if (MICRO_DEPOSIT_FINAL.has(microDeposit.status ?? '') && microDeposit.status !== 'VERIFIED') throw microDepositFailure(microDeposit);
    reportMicroDeposit(runtime, userGuid, microDeposit, input.options);
  });
}

export async function status(input: Input) {
  await withRuntime(input, async (runtime) => {
    const { userGuid, guid } = target(runtime, input.options);
    reportMicroDeposit(runtime, userGuid, await runtime.client.readMicroDeposit(userGuid, guid), input.options);
  });
}

/** Asks for the two amounts (or takes --deposit-amount twice), waiting first if the deposits are still on their way. */
export async function verify(input: Input) {
  await withRuntime(input, async (runtime) => {
    const { userGuid, guid } = target(runtime, input.options);
    const deps = microDepositDeps(runtime, input.options);
    const current = await runtime.client.readMicroDeposit(userGuid, guid);
    if (guid !== runtime.store.read().micro_deposit_guid) runtime.store.update({ micro_deposit_guid: guid, micro_deposit_attempts: 0 });
    const result = await followMicroDeposit(deps, userGuid, current, microDepositTiming(runtime, input.options));
    reportMicroDeposit(runtime, result.user_guid, result.micro_deposit, input.options);
  });
}

export async function list(input: Input) {
  await withRuntime(input, async (runtime) => {
    const userGuid = input.options.user ?? runtime.store.read().user_guid;
    if (!userGuid) throw new ConfigError(`No user is saved in profile "${runtime.globals.profile}".`, 'Pass --user USR-...');
    const items = await allMicroDeposits(runtime.client, userGuid);
    emit(runtime.globals, { user_guid: userGuid, micro_deposits: items }, () =>
      items.length === 0 ? `User ${userGuid} has no micro-deposits.` : formatMicroDepositList(items));
  });
}

export async function remove(input: Input) {
  await withRuntime(input, async (runtime) => {
    const { userGuid, guid } = target(runtime, input.options);
    await runtime.client.deleteMicroDeposit(userGuid, guid);
    if (runtime.store.read().micro_deposit_guid === guid) runtime.store.forget(['micro_deposit_guid', 'micro_deposit_attempts']);
    emit(runtime.globals, { deleted: guid }, () => `Deleted micro-deposit ${guid}.`);
  });
}
