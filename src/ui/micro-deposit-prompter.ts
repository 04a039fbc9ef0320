// The micro-deposit questions: in a terminal (presets first, each answer checked as it is typed), and under
// --no-input (every answer from flags or variables; a missing one is exit 6 naming both).
import { isValidRoutingNumber } from '../domain/aba.js';
import { MICRO_DEPOSIT_ACCOUNT_TYPES, parseDepositAmount } from '../domain/micro-deposits.js';
import { InputRequiredError } from '../errors.js';
import type { AccountDetails, MicroDepositPrompter } from '../flow/micro-deposit-ports.js';
import type { DepositAmounts } from '../mx/micro-deposit-types.js';
import { createPrompts, type PromptContext } from './inquirer-prompts.js';

export interface MicroDepositPresets {
  accountNumber?: string;
  routingNumber?: string;
  accountType?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  /** Both amounts, already checked (0.01 to 0.99). */
  amounts?: [number, number];
}

export const MICRO_DEPOSIT_SOURCES = {
  accountNumber: { flag: '--account-number', env: 'MX_IAV_ACCOUNT_NUMBER', what: 'the account number' },
  routingNumber: { flag: '--routing-number', env: 'MX_IAV_ROUTING_NUMBER', what: 'the routing number' },
  amounts: { flag: '--deposit-amount (twice)', env: 'MX_IAV_DEPOSIT_AMOUNTS (e.g. 0.12,0.15)', what: 'the two deposit amounts' },
} as const;

const ACCOUNT_NUMBER = /^\d{1,17}$/;
const checkAccountNumber = (value: string) => ACCOUNT_NUMBER.test(value.trim()) || 'An account number is 1 to 17 digits.';
const checkRouting = (value: string) => isValidRoutingNumber(value.trim()) || 'That is not a valid ABA routing number (nine digits whose check digit must match).';
const checkAmount = (value: string) => parseDepositAmount(value) !== null || 'Type the amount in dollars, from 0.01 to 0.99 (e.g. 0.07).';
const checkEmail = (value: string) => /^[^\s@]+@[^\s@]+$/.test(value.trim()) || 'Type an email address.';
const optional = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

function details(presets: MicroDepositPresets, accountNumber: string, routingNumber: string, accountType: string, holder: { first?: string; last?: string; email?: string }): AccountDetails {
  const first = optional(holder.first ?? presets.firstName);
  const last = optional(holder.last ?? presets.lastName);
  const email = optional(holder.email ?? presets.email);
  return {
    account_number: accountNumber.trim(),
    routing_number: routingNumber.trim(),
    account_type: accountType.toUpperCase(),
    ...(first && { first_name: first }),
    ...(last && { last_name: last }),
    ...(email && { email }),
  };
}

export function createInteractiveMicroDepositPrompter(presets: MicroDepositPresets, { input, output }: Pick<PromptContext, 'input' | 'output'>, signal?: AbortSignal): MicroDepositPrompter {
  const ask = createPrompts({ input, output, signal });
  const say = (text: string) => output.write(`${text}\n`);
  return {
    async askAccount() {
      say('Two small deposits will be sent to the account; the customer then reads their amounts off the statement.');
      const accountNumber = presets.accountNumber ?? (await ask.input('Account number:', { validate: checkAccountNumber }));
      const routingNumber = presets.routingNumber ?? (await ask.input('Routing number (9 digits):', { validate: checkRouting }));
      const accountType = presets.accountType ?? (await ask.select('Account type:', MICRO_DEPOSIT_ACCOUNT_TYPES.map((type) => ({ name: type.charAt(0) + type.slice(1).toLowerCase(), value: type }))));
      const first = presets.firstName ?? (await ask.input('Account holder\'s first name:'));
      const last = presets.lastName ?? (await ask.input('Account holder\'s last name:'));
      const email = presets.email ?? (await ask.input('Account holder\'s email:', { validate: checkEmail }));
      return details(presets, accountNumber, routingNumber, accountType, { first, last, email });
    },
    async askAmounts(attemptsLeft, again) {
      if (!again && presets.amounts) return { deposit_amount_1: presets.amounts[0], deposit_amount_2: presets.amounts[1] };
      say(`Type the two amounts from the account's statement (${attemptsLeft} ${attemptsLeft === 1 ? 'attempt' : 'attempts'} left; then MX blocks the micro-deposit).`);
      const first = parseDepositAmount(await ask.input('First deposit amount:', { validate: checkAmount }));
      const second = parseDepositAmount(await ask.input('Second deposit amount:', { validate: checkAmount }));
      return { deposit_amount_1: first ?? 0, deposit_amount_2: second ?? 0 } satisfies DepositAmounts;
    },
  };
}

export function createNoInputMicroDepositPrompter(presets: MicroDepositPresets, reason = '--no-input is set'): MicroDepositPrompter {
  const missing = (source: { flag: string; env: string; what: string }) =>
    new InputRequiredError(`mx-iav needs ${source.what} for the micro-deposits, but ${reason}: pass ${source.flag} or set ${source.env}.`);
  return {
    async askAccount() {
      if (!presets.accountNumber) throw missing(MICRO_DEPOSIT_SOURCES.accountNumber);
      if (!presets.routingNumber) throw missing(MICRO_DEPOSIT_SOURCES.routingNumber);
      // Verification is for checking and savings accounts; checking is by far the commonest.
      return details(presets, presets.accountNumber, presets.routingNumber, presets.accountType ?? 'CHECKING', {});
    },
    async askAmounts(_attemptsLeft, again) {
      if (again) return null;
      if (!presets.amounts) throw missing(MICRO_DEPOSIT_SOURCES.amounts);
      return { deposit_amount_1: presets.amounts[0], deposit_amount_2: presets.amounts[1] };
    },
  };
}
