// The micro-deposit flags (and their MX_IAV_* variables, which commander reads through Option.env), checked before
// anything is sent: a routing number that fails the ABA checksum or an amount outside 0.01-0.99 is exit 2 here.
import { isGuid } from '../domain/identifiers.js';
import { MICRO_DEPOSIT_ACCOUNT_TYPES, parseDepositAmount } from '../domain/micro-deposits.js';
import { UsageError } from '../errors.js';
import { checkRoutingNumber } from '../flow/micro-deposit-setup.js';
import type { MicroDepositPresets } from '../ui/micro-deposit-prompter.js';
import type { MicroDepositsOptions } from './specs/micro-deposits.js';

function amounts(given: string[] | undefined): [number, number] | undefined {
  const texts = (given ?? []).flatMap((text) => text.split(',')).map((text) => text.trim()).filter(Boolean);
  if (texts.length === 0) return undefined;
  if (texts.length !== 2) throw new UsageError(`--deposit-amount is given twice, once per deposit (${texts.length} given).`, 'For example: --deposit-amount 0.12 --deposit-amount 0.15');
  const parsed = texts.map(parseDepositAmount);
  if (parsed.some((value) => value === null)) throw new UsageError('--deposit-amount takes an amount in dollars from 0.01 to 0.99, such as 0.07.');
  return parsed as [number, number];
}

export function readMicroDepositPresets(flags: MicroDepositsOptions): MicroDepositPresets {
  const accountNumber = flags.accountNumber?.trim();
  // The value is not echoed: it is an account number.
  if (accountNumber !== undefined && !/^\d{1,17}$/.test(accountNumber)) throw new UsageError('--account-number takes 1 to 17 digits.');
  const routingNumber = flags.routingNumber?.trim();
  if (routingNumber !== undefined) checkRoutingNumber(routingNumber);
  const accountType = flags.accountType?.trim().toUpperCase();
  if (accountType !== undefined && !(MICRO_DEPOSIT_ACCOUNT_TYPES as readonly string[]).includes(accountType)) {
    throw new UsageError(`--account-type takes ${MICRO_DEPOSIT_ACCOUNT_TYPES.map((type) => type.toLowerCase()).join(' or ')}.`);
  }
  return {
    ...(accountNumber && { accountNumber }),
    ...(routingNumber && { routingNumber }),
    ...(accountType && { accountType }),
    ...(flags.firstName && { firstName: flags.firstName }),
    ...(flags.lastName && { lastName: flags.lastName }),
    ...(flags.email && { email: flags.email }),
    ...(amounts(flags.depositAmount) && { amounts: amounts(flags.depositAmount) }),
  };
}

export function checkMicroDepositGuid(value: string | undefined): string | undefined {
  if (value !== undefined && !isGuid('microDeposit', value)) {
    throw new UsageError('--micro-deposit takes a guid that starts with MIC- and holds only letters, digits and dashes.');
  }
  return value;
}
