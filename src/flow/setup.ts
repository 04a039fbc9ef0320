import { MX_IAV_MARKER } from '../domain/identifiers.js';
import { UsageError } from '../errors.js';
import type { CredentialValue, Institution, Member, UserCreate } from '../mx/types.js';
import type { FlowDeps } from './ports.js';
import { isNotFound, savedUser } from './saved-guids.js';

type Deps = Pick<FlowDeps, 'client' | 'store' | 'progress'>;

/** Reuses the saved user while MX still knows it; otherwise creates one and saves its guid at once. */
export async function ensureUser(deps: Deps, newUser: UserCreate = {}): Promise<string> {
  const existing = await savedUser(deps);
  if (existing) return existing.guid;
  const user = await deps.client.createUser({ metadata: MX_IAV_MARKER, ...newUser });
  deps.store.update({ user_guid: user.guid, step: 'institution' });
  deps.progress.success(`Created user ${user.guid}`);
  return user.guid;
}

export async function readInstitution(deps: Pick<FlowDeps, 'client'>, code: string): Promise<Institution> {
  try {
    return await deps.client.readInstitution(code);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new UsageError(`MX has no institution with the code "${code}".`, 'Find the code with: mx-iav search-institution NAME');
  }
}

/** The institution named by flag, else the one search-institution saved, else the user's pick. */
export async function chooseInstitution(
  deps: Pick<FlowDeps, 'client' | 'store' | 'prompter' | 'progress'>,
  code: string | undefined,
): Promise<Institution> {
  const chosenCode = code ?? deps.store.read().institution_code;
  const institution = chosenCode
    ? await readInstitution(deps, chosenCode)
    : await deps.prompter.chooseInstitution(async (name, page) =>
        deps.client.listInstitutions({ name, page, records_per_page: 10, supports_account_verification: true }),
      );
  if (institution.supports_account_verification === false) {
    deps.store.forget(['institution_code']);
    throw new UsageError(
      `${institution.name ?? institution.code} does not support instant account verification.`,
      'Pick another institution: mx-iav search-institution NAME',
    );
  }
  deps.store.update({ institution_code: institution.code ?? undefined });
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

/**
 * Creates the member with skip_aggregation, so verification is its only job, and saves its guid before anything
 * else can fail. Bank credentials travel to MX and nowhere else.
 */
export async function createMember(
  deps: Pick<FlowDeps, 'client' | 'store' | 'prompter' | 'progress'>,
  userGuid: string,
  institution: Institution,
): Promise<Member> {
  const credentials = await askCredentials(deps, institution);
  const member = await deps.client.createMember(userGuid, {
    institution_code: institution.code ?? '',
    credentials,
    skip_aggregation: true,
    ...(institution.supports_oauth ? { is_oauth: true } : {}),
  });
  deps.store.update({ member_guid: member.guid, step: 'member', history: [] });
  deps.progress.success(`Created member ${member.guid} at ${institution.name ?? institution.code}`);
  return member;
}

export async function updateCredentials(
  deps: Pick<FlowDeps, 'client' | 'prompter' | 'progress'>,
  userGuid: string,
  member: Member,
  institution: Institution,
): Promise<void> {
  const credentials = await askCredentials(deps, institution);
  await deps.client.updateMember(userGuid, member.guid, { credentials, skip_aggregation: true });
  deps.progress.success(`Updated the credentials of member ${member.guid}`);
}
