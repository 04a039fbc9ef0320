// What the micro-deposit flow asks and is given, besides the ports every flow shares (ports.ts).
import { CliError, EXIT } from '../errors.js';
import type { DepositAmounts, MicroDepositCreate } from '../mx/micro-deposit-types.js';
import type { FlowDeps } from './ports.js';
import { hint, step } from '../next-step.js';

export type AccountDetails = MicroDepositCreate;

export interface MicroDepositPrompter {
  /** The account to send the deposits to and its holder; the routing number has passed the ABA checksum. */
  askAccount(): Promise<AccountDetails>;
  /**
   * The two amounts, as typed off the statement. `again`: the previous pair was wrong; null when nobody can be
   * asked again (--no-input gives its pair once).
   */
  askAmounts(attemptsLeft: number, again: boolean): Promise<DepositAmounts | null>;
}

export type MicroDepositDeps = FlowDeps & { deposits: MicroDepositPrompter };

/** The customer picked "my bank is not listed" while choosing the institution. */
export class InstitutionNotListedError extends CliError {
  constructor() {
    super('Your bank was not in the list of institutions that support instant account verification.', {
      exitCode: EXIT.usage,
      code: 'institution_not_listed',
      hint: hint`Verify it with micro-deposits instead: ${step('verify', { 'micro-deposits': true })}`,
    });
  }
}

export interface MicroDepositTiming {
  timeoutMs: number;
  pollIntervalMs: number;
  signal?: AbortSignal;
}
