// Where `verify` and `resume` turn to micro-deposits: asked for (--micro-deposits), offered when the institution has
// no instant account verification or the customer cannot find their bank, or saved by an earlier run.
import type { Runtime } from '../session/runtime.js';
import { MICRO_DEPOSIT_FINAL } from '../domain/micro-deposits.js';
import { InstitutionNotListedError } from '../flow/micro-deposit-ports.js';
import { NoInstantVerificationError } from '../flow/setup.js';
import type { VerificationOptions } from './specs/guide.js';
import type { MicroDepositsOptions } from './specs/micro-deposits.js';
import { verifyWithMicroDeposits } from './micro-deposits-run.js';

/**
 * Whether to go on with micro-deposits after `error`. In a terminal the customer is asked; without one, only when the
 * run was given an account number for them (a script that did not expect them gets the error as before).
 */
async function accepted(runtime: Runtime, flags: VerificationOptions, error: unknown): Promise<boolean> {
  if (!(error instanceof NoInstantVerificationError || error instanceof InstitutionNotListedError)) return false;
  if (!runtime.interactive && flags.accountNumber === undefined) return false;
  runtime.progress.warn(error.message);
  if (!runtime.interactive) return true;
  return runtime.prompter.confirm('Verify with micro-deposits instead?', { defaultValue: true, fallbackValue: true });
}

/** Runs instant verification, or micro-deposits when asked, offered and accepted. */
export async function verifyOrFallBack(runtime: Runtime, flags: VerificationOptions, instant: () => Promise<void>): Promise<void> {
  if (flags.microDeposits) return verifyWithMicroDeposits(runtime, flags, { fresh: flags.new === true });
  try {
    await instant();
  } catch (error) {
    if (!(await accepted(runtime, flags, error))) throw error;
    runtime.store.forget(['institution_code']);
    await verifyWithMicroDeposits(runtime, flags, { fresh: true });
  }
}

/**
 * `resume` continues a micro-deposit when one was saved (or an interrupted create left one to find) and no member
 * is, or when the saved one has not ended yet.
 */
export async function resumesMicroDeposit(runtime: Runtime): Promise<boolean> {
  const saved = runtime.store.read();
  if (saved.pending_micro_deposit_known) return true;
  if (!saved.micro_deposit_guid || !saved.user_guid) return false;
  if (!saved.member_guid) return true;
  const current = await runtime.client.readMicroDeposit(saved.user_guid, saved.micro_deposit_guid).catch(() => null);
  return current !== null && !MICRO_DEPOSIT_FINAL.has(current.status ?? '');
}

/** The saved micro-deposit from where it is: a failed one is reported as failed (exit 5), never replaced. */
export async function resumeMicroDeposit(runtime: Runtime, flags: MicroDepositsOptions): Promise<void> {
  // Only a create lost to an interruption, and not found at MX, is sent again (its details asked for again).
  await verifyWithMicroDeposits(runtime, flags, { savedOnly: runtime.store.read().micro_deposit_guid !== undefined });
}

/** `status` without a member saved, and none named, shows the saved micro-deposit instead. */
export function showsMicroDeposit(runtime: Runtime, flags: { user?: string; member?: string }): boolean {
  const saved = runtime.store.read();
  return flags.user === undefined && flags.member === undefined && !saved.member_guid && saved.micro_deposit_guid !== undefined;
}
