import { isGuid } from '../domain/identifiers.js';
import { ConfigError, UsageError } from '../errors.js';
import type { Runtime } from '../cli/session.js';

const KINDS = { USR: 'user', MBR: 'member', ACT: 'account' } as const;

/** Checked before the value can reach a URL path or the saved profile. */
export function checkGuidFlag(prefix: keyof typeof KINDS, flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isGuid(KINDS[prefix], value)) {
    throw new UsageError(`${flag} takes a guid that starts with ${prefix}- and holds only letters, digits and dashes.`);
  }
  return value;
}

/** The user and member a command works on: flags first, then what earlier commands saved. */
export function targetMember(runtime: Runtime, flags: { user?: string; member?: string }) {
  const saved = runtime.store.read();
  const userGuid = checkGuidFlag('USR', '--user', flags.user) ?? saved.user_guid;
  const memberGuid = checkGuidFlag('MBR', '--member', flags.member) ?? saved.member_guid;
  if (!userGuid || !memberGuid) {
    throw new ConfigError(
      `No ${userGuid ? 'member' : 'user'} is saved in profile "${runtime.globals.profile}" for ${runtime.connection.environment}.`,
      'Start with: mx-iav verify (or pass --user USR-... --member MBR-...)',
    );
  }
  return { userGuid, memberGuid };
}
