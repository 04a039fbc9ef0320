import { MxApiError } from '../mx/errors.js';
import type { Member, User } from '../mx/types.js';
import type { FlowDeps } from './ports.js';

// A guid saved by an earlier run that MX no longer knows (deleted user or member) is reported once and
// forgotten, so the next step creates a fresh one instead of failing forever.
export function isNotFound(error: unknown): boolean {
  return error instanceof MxApiError && error.status === 404;
}

export async function savedUser(deps: Pick<FlowDeps, 'client' | 'store' | 'progress'>): Promise<User | null> {
  const guid = deps.store.read().user_guid;
  if (!guid) return null;
  try {
    return await deps.client.readUser(guid);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    deps.progress.warn(`MX no longer knows the saved user ${guid}; it has been forgotten.`);
    deps.store.forget(['user_guid', 'member_guid', 'institution_code', 'step', 'history']);
    return null;
  }
}

export async function savedMember(
  deps: Pick<FlowDeps, 'client' | 'store' | 'progress'>,
  userGuid: string,
): Promise<Member | null> {
  const guid = deps.store.read().member_guid;
  if (!guid) return null;
  try {
    return await deps.client.readMember(userGuid, guid);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    deps.progress.warn(`MX no longer knows the saved member ${guid}; it has been forgotten.`);
    deps.store.forget(['member_guid', 'step', 'history']);
    return null;
  }
}
