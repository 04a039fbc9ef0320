// The saved micro-deposit in `mx-iav report`: guid, status, masked account, attempts; never the whole number.
import type { Runtime } from '../session/runtime.js';
import { MICRO_DEPOSIT_ATTEMPTS } from '../domain/micro-deposits.js';
import { attemptsUsed } from '../flow/micro-deposits.js';
import { microDepositView } from '../ui/micro-deposit-format.js';
import { sanitize } from '../ui/sanitize.js';

export type MicroDepositFacts = (ReturnType<typeof microDepositView> & { attempts_left: number }) | { guid: string; unreachable: string } | null;

export async function microDepositFacts(runtime: Runtime, userGuid: string | null): Promise<MicroDepositFacts> {
  const guid = runtime.store.read().micro_deposit_guid;
  if (!guid || !userGuid) return null;
  try {
    const microDeposit = await runtime.client.readMicroDeposit(userGuid, guid);
    return { ...microDepositView(microDeposit, false), attempts_left: MICRO_DEPOSIT_ATTEMPTS - attemptsUsed(runtime, microDeposit.status) };
  } catch (error) {
    return { guid, unreachable: sanitize(error instanceof Error ? error.message : String(error)).slice(0, 300) };
  }
}

export function microDepositLines(facts: MicroDepositFacts): string[] {
  if (!facts) return [];
  if ('unreachable' in facts) return [`Micro-deposit: ${sanitize(facts.guid)}, could not be read: ${facts.unreachable}`];
  const value = (text: string | null) => sanitize(text ?? '–');
  return [
    `Micro-deposit: ${value(facts.guid)} ${value(facts.status)}; account ${value(facts.account_number)}, routing ${value(facts.routing_number)}; ${facts.attempts_left} of ${MICRO_DEPOSIT_ATTEMPTS} attempts left`,
    ...(facts.error_message ? [`               MX says: ${value(facts.error_message)}`] : []),
  ];
}
