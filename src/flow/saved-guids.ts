import { MxApiError } from '../mx/errors.js';
import type { Member, User } from '../mx/types.js';
import type { FlowDeps } from './ports.js';

type Deps = Pick<FlowDeps, 'client' | 'store' | 'progress'>;

// A guid saved by an earlier run that MX no longer knows (deleted user or member) is reported once and
// forgotten, so the next step creates a fresh one instead of failing forever.
export function isNotFound(error: unknown): boolean {
  return error instanceof MxApiError && error.status === 404;
}

/** The saved user, or the one a run interrupted while creating it made (found by its partner id). */
export async function savedUser(deps: Deps): Promise<User | null> {
  const { user_guid: guid, pending_user_id: pendingId } = deps.store.read();
  if (!guid) return pendingId ? adoptPendingUser(deps, pendingId) : null;
  try {
    return await deps.client.readUser(guid);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    deps.progress.warn(`MX no longer knows the saved user ${guid}; it has been forgotten.`);
    deps.store.forget(['user_guid', 'member_guid', 'pending_member_id', 'institution_code', 'step', 'history']);
    return null;
  }
}

/** The saved member, or the one a run interrupted while creating it made (found by its partner id). */
export async function savedMember(deps: Deps, userGuid: string): Promise<Member | null> {
  const { member_guid: guid, pending_member_id: pendingId } = deps.store.read();
  if (!guid) return pendingId ? adoptPendingMember(deps, userGuid, pendingId) : null;
  try {
    return await deps.client.readMember(userGuid, guid);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    deps.progress.warn(`MX no longer knows the saved member ${guid}; it has been forgotten.`);
    deps.store.forget(['member_guid', 'step', 'history']);
    return null;
  }
}

export async function findUserById(deps: Pick<FlowDeps, 'client'>, id: string): Promise<User | null> {
  const { items } = await deps.client.listUsers({ id, records_per_page: 10 });
  return items.find((user) => user.id === id) ?? null;
}

/** MX has no member filter by partner id, so this pages through the user's members. */
export async function findMember(
  deps: Pick<FlowDeps, 'client'>,
  userGuid: string,
  matches: (member: Member) => boolean,
): Promise<Member[]> {
  const found: Member[] = [];
  for await (const member of deps.client.paginate((query) => deps.client.listMembers(userGuid, query), 100)) {
    if (matches(member)) found.push(member);
  }
  return found;
}

async function adoptPendingUser(deps: Deps, id: string): Promise<User | null> {
  const user = await findUserById(deps, id);
  if (!user) return null;
  deps.store.update({ user_guid: user.guid, step: 'user', pending_user_id: undefined });
  deps.progress.info(`Found user ${user.guid}, which an interrupted run created`);
  return user;
}

async function adoptPendingMember(deps: Deps, userGuid: string, id: string): Promise<Member | null> {
  const [member] = await findMember(deps, userGuid, (candidate) => candidate.id === id);
  if (!member) return null;
  // Whether that create also started a verification is unknown: the member's status decides what comes next.
  deps.store.update({ member_guid: member.guid, step: 'member', history: [], pending_member_id: undefined });
  deps.progress.info(`Found member ${member.guid}, which an interrupted run created`);
  return member;
}
