import { MX_IAV_MARKER } from '../domain/identifiers.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { MxApiError } from '../mx/errors.js';
import { newPartnerId } from '../mx/safe-writes.js';
import type { ExtraProduct } from '../mx/payment-types.js';
import type { CredentialValue, Institution, Member, User, UserCreate } from '../mx/types.js';
import type { CreateVerification } from '../mx/versions.js';
import type { FlowDeps, FlowState } from './ports.js';
import { findMember, findUserById, isNotFound, savedUser } from './saved-guids.js';
import { hint, step } from '../next-step.js';

type Deps = Pick<FlowDeps, 'client' | 'store' | 'progress'>;

/** Its own class: `verify` offers micro-deposits for exactly this (commands/micro-deposits-fallback.ts). */
export class NoInstantVerificationError extends UsageError {}

/**
 * Reuses the saved user while MX still knows it (`replace` makes a new one anyway); a new user's partner id is
 * saved before the create is sent, so a run killed meanwhile leaves a user the next run finds instead of a second.
 */
export async function ensureUser(
  deps: Deps,
  newUser: UserCreate = {},
  { replace = false }: { replace?: boolean } = {},
): Promise<{ user: User; created: boolean }> {
  const existing = replace ? null : await savedUser(deps);
  if (existing) return { user: existing, created: false };
  const pendingId = deps.store.read().pending_user_id;
  const id = newUser.id ?? pendingId ?? newPartnerId();
  deps.store.update({ pending_user_id: id });
  const found = id === pendingId ? await findUserById(deps, id) : null;
  const user = found ?? (await createNewUser(deps, { metadata: MX_IAV_MARKER, ...newUser, id }, newUser.id !== undefined));
  // One write: the guid saved and the partner id forgotten together. A new user starts a new verification: the
  // previous member belonged to another user.
  deps.store.update({ user_guid: user.guid, step: 'user', ...cleared(['pending_user_id', 'member_guid', 'pending_member_id', 'history', 'last_error']) });
  return { user, created: true };
}

/**
 * MX answers 409 to a partner id another of the client's users has. Only an id given by the caller can be taken (a
 * fresh `mx-iav-<uuid>` cannot), and the pending id is dropped so that no later run adopts that other user as ours.
 */
async function createNewUser(deps: Deps, user: UserCreate & { id: string }, given: boolean): Promise<User> {
  try {
    return await deps.client.createUser(user);
  } catch (error) {
    if (!given || !(error instanceof MxApiError) || error.status !== 409) throw error;
    deps.store.forget(['pending_user_id']);
    const shown = /^[\w.@:+-]{1,100}$/.test(user.id) ? user.id : 'ID';
    throw new UsageError('MX already has a user with this --id; choose another id, or leave --id out.', hint`See that user with: ${step('users', { id: shown })}`);
  }
}

/** A store patch that removes these keys (in the same write as the rest of the patch). */
export function cleared(keys: (keyof FlowState)[]): Partial<FlowState> {
  return Object.fromEntries(keys.map((key) => [key, undefined]));
}

export async function readInstitution(deps: Pick<FlowDeps, 'client'>, code: string): Promise<Institution> {
  try {
    return await deps.client.readInstitution(code);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new UsageError(`MX has no institution with the code "${code}".`, hint`Find the code with: ${step('search-institution', 'NAME')}`);
  }
}

/** The institution named by flag, else (unless `ignoreSaved`) the one saved earlier, else the user's pick. */
export async function chooseInstitution(
  deps: Pick<FlowDeps, 'client' | 'store' | 'prompter' | 'progress'>,
  code: string | undefined,
  { ignoreSaved = false }: { ignoreSaved?: boolean } = {},
): Promise<Institution> {
  const chosenCode = code ?? (ignoreSaved ? undefined : deps.store.read().institution_code);
  const institution = chosenCode
    ? await readInstitution(deps, chosenCode)
    : await deps.prompter.chooseInstitution(async (name, page) =>
        deps.client.listInstitutions({ name, page, records_per_page: 10, supports_account_verification: true }),
      );
  // On v20250224 also a hidden institution (it takes no new members); a saved member there is still followed.
  if (!deps.client.version.offersVerification(institution)) {
    deps.store.forget(['institution_code']);
    throw new NoInstantVerificationError(
      `${institution.name ?? institution.code} does not support instant account verification.`,
      hint`Pick another institution (${step('search-institution', 'NAME')}), or verify with micro-deposits: ${step('verify', { 'micro-deposits': true })}`,
    );
  }
  deps.store.update({ institution_code: institution.code ?? undefined, ...(deps.store.read().member_guid ? {} : { step: 'institution' }) });
  return institution;
}

export async function askCredentials(
  deps: Pick<FlowDeps, 'client' | 'prompter'>,
  institution: Institution,
): Promise<CredentialValue[]> {
  if (institution.supports_oauth) return [];
  const fields = await deps.client.listInstitutionCredentials(institution.code ?? '');
  const ordered = [...fields].sort((a, b) => (a.display_order ?? 0) - (b.display_order ?? 0));
  return deps.prompter.askCredentials(institution, ordered);
}

export interface CreatedMember {
  member: Member;
  /** Whether the create started the member's verification (API versions whose create takes a data request). */
  verification: CreateVerification;
  /** MX already had a member with these credentials, and this is it: continue it rather than start anew. */
  existing: boolean;
}

/**
 * Creates the member for verification and saves its guid before anything else can fail. Its partner id is saved
 * before the create is sent; MX's "already exists" (409) is answered by finding that member. Bank credentials
 * travel to MX and nowhere else.
 */
export async function createMember(
  deps: Pick<FlowDeps, 'client' | 'store' | 'prompter' | 'progress'>,
  userGuid: string,
  institution: Institution,
  credentials?: CredentialValue[],
  alsoProducts: ExtraProduct[] = [],
): Promise<CreatedMember> {
  const values = credentials ?? (await askCredentials(deps, institution));
  const id = deps.store.read().pending_member_id ?? newPartnerId();
  deps.store.update({ pending_member_id: id });
  let created: CreatedMember;
  try {
    const made = await deps.client.createMemberForVerification(userGuid, {
      institution_code: institution.code ?? '',
      credentials: values,
      id,
      ...(institution.supports_oauth ? { is_oauth: true } : {}),
    }, alsoProducts.length > 0 ? { alsoProducts } : undefined);
    created = { ...made, existing: false };
  } catch (error) {
    if (!(error instanceof MxApiError && error.status === 409)) throw error;
    created = { member: await memberAfterConflict(deps, userGuid, institution, id), verification: 'not-started', existing: true };
  }
  saveMember(deps, created);
  return created;
}

function saveMember(deps: Pick<FlowDeps, 'store' | 'progress'>, { member, existing, verification }: CreatedMember) {
  const saved = deps.store.read();
  const forgotten = cleared(['pending_member_id', 'last_error']);
  // One write, as for the user: the member's guid is never saved apart from forgetting its partner id.
  if (existing && saved.member_guid === member.guid) return deps.store.update(forgotten);
  const step = verification === 'started' ? 'verifying' : 'member';
  deps.store.update({ member_guid: member.guid, step, history: [], ...forgotten });
  if (!existing) deps.progress.success(`Created member ${member.guid} at ${member.name ?? member.institution_code}`);
}

/** The member MX says already holds these credentials: the one this id names, or the user's only one at the bank. */
async function memberAfterConflict(deps: Pick<FlowDeps, 'client' | 'progress'>, userGuid: string, institution: Institution, id: string) {
  const atInstitution = await findMember(deps, userGuid, (member) => member.institution_code === institution.code || member.id === id);
  const member = atInstitution.find((candidate) => candidate.id === id) ?? (atInstitution.length === 1 ? atInstitution[0] : undefined);
  const name = institution.name ?? institution.code;
  if (!member) {
    throw new CliError(`MX already has a member of user ${userGuid} at ${name} with these credentials.`, {
      exitCode: EXIT.api,
      code: 'member_exists',
      hint: hint`Find it with: ${step('members', { user: userGuid })}, then continue it with: ${step('resume', { user: userGuid, member: 'MBR-...' })}`,
    });
  }
  deps.progress.info(`MX already has member ${member.guid} at ${name} with these credentials; continuing with it`);
  return member;
}

export async function updateCredentials(
  deps: Pick<FlowDeps, 'client' | 'prompter' | 'progress'>,
  userGuid: string,
  member: Member,
  institution: Institution,
): Promise<void> {
  const credentials = await askCredentials(deps, institution);
  // The flow verifies next: where the version can say so (v20111101), MX is not to start an aggregation of its own.
  await deps.client.updateMember(userGuid, member.guid, { credentials, skip_aggregation: true });
  deps.progress.success(`Updated the credentials of member ${member.guid}`);
}
