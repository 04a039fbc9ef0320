import { isGuid } from '../domain/identifiers.js';
import { CliError, ConfigError, UsageError } from '../errors.js';
import { isNotFound } from '../flow/saved-guids.js';
import { addressHintsTo } from '../session/next-steps.js';
import type { Runtime } from '../session/runtime.js';
import { hint, step, type Hint } from '../next-step.js';

const KINDS = { USR: 'user', MBR: 'member', ACT: 'account' } as const;

/** Checked before the value can reach a URL path or the saved profile. */
export function checkGuidFlag(prefix: keyof typeof KINDS, flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isGuid(KINDS[prefix], value)) {
    throw new UsageError(`${flag} takes a guid that starts with ${prefix}- and holds only letters, digits and dashes.`);
  }
  return value;
}

export interface Target {
  userGuid: string;
  memberGuid: string;
  accountGuid?: string;
  /** Which of them the user typed (the rest come from the profile). */
  typed: { user: boolean; member: boolean; account: boolean };
}

/** The user and member a command works on: flags first, then what earlier commands saved. */
export function targetMember(runtime: Runtime, flags: { user?: string; member?: string; account?: string }): Target {
  const saved = runtime.store.read();
  const typedUser = checkGuidFlag('USR', '--user', flags.user);
  const typedMember = checkGuidFlag('MBR', '--member', flags.member);
  const accountGuid = checkGuidFlag('ACT', '--account', flags.account);
  const userGuid = typedUser ?? saved.user_guid;
  const memberGuid = typedMember ?? saved.member_guid;
  if (typedMember && !userGuid) {
    throw new UsageError(`--member needs the user it belongs to: add --user USR-....`, hint`Find the user with: ${step('users')}`);
  }
  if (!userGuid || !memberGuid) {
    throw new ConfigError(
      `No ${userGuid ? 'member' : 'user'} is saved in profile "${runtime.globals.profile}" for ${runtime.connection.environment}.`,
      hint`Start with: ${step('verify')} (or pass --user USR-... --member MBR-...)`,
    );
  }
  // A command addressed by guid: its hints name those guids, never the profile's saved (maybe another customer's).
  if (typedUser || typedMember) addressHintsTo(runtime.globals.invocation, { user: userGuid, member: memberGuid });
  return { userGuid, memberGuid, accountGuid, typed: { user: Boolean(typedUser), member: Boolean(typedMember), account: Boolean(accountGuid) } };
}

/**
 * Runs a look-up; MX's bare 404 becomes one sentence naming the guid it does not know, with the command that lists
 * the right ones. A typed guid is a usage error; a saved one is stale configuration.
 */
export async function withLookupHint<T>(runtime: Runtime, target: Target, lookUp: () => Promise<T>): Promise<T> {
  try {
    return await lookUp();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw (await explainNotFound(runtime, target)) ?? error;
  }
}

async function explainNotFound(runtime: Runtime, { userGuid, memberGuid, accountGuid, typed }: Target): Promise<CliError | undefined> {
  const fail = (isTyped: boolean, sentence: string, next: Hint) =>
    isTyped ? new UsageError(sentence, next) : new ConfigError(sentence.replace(/\.$/, ` (saved in profile "${runtime.globals.profile}").`), next);
  if (!(await exists(() => runtime.client.readUser(userGuid)))) {
    return fail(typed.user, `MX has no user ${userGuid}.`, hint`List the users with: ${step('users')}`);
  }
  if (memberGuid && !(await exists(() => runtime.client.readMember(userGuid, memberGuid)))) {
    return fail(typed.member, `User ${userGuid} has no member ${memberGuid}.`, hint`List its members with: ${step('members', { user: userGuid })}`);
  }
  if (!accountGuid) return undefined;
  return fail(
    typed.account,
    `User ${userGuid} has no account ${accountGuid}.`,
    hint`List the member's accounts with: ${step('account-numbers', { user: userGuid, member: memberGuid })}`,
  );
}

async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
