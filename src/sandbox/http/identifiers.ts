import type { App } from '../bank/app.js';
import { findInstitutionByIdentifier } from '../bank/institutions.js';
import { badRequest } from './reply.js';
import { own } from '../bank/state.js';
import type { SandboxVersion } from './versions.js';

// Route patterns name their segments as MX's v20250224 spec does. `*_identifier` segments take "either the user
// `id` you defined or the MX-defined user `guid`" (likewise member, account; an institution: code or guid) on
// v20250224; on v20111101 the same segment is a guid (a code for institutions). Handlers always get guids, under
// `user_guid`, `member_guid`, `account_guid` and `institution_code`.

type Params = Record<string, string>;

function userGuid(app: App, identifier: string): string {
  if (own(app.state.users, identifier)) return identifier;
  const owners = Object.values(app.state.users).filter((u) => u.id === identifier);
  // MX does not say what a shared partner id addresses; refusing is safer than picking one of them. [unconfirmed for MX]
  if (owners.length > 1) throw badRequest(`${owners.length} users have the id ${JSON.stringify(identifier)}; address the user by its guid.`);
  return owners[0]?.guid ?? identifier;
}

function memberGuid(app: App, user: string, identifier: string): string {
  const member = own(app.state.members, identifier);
  if (member?.user_guid === user) return identifier;
  const matches = Object.values(app.state.members).filter((m) => m.user_guid === user && m.id === identifier);
  if (matches.length > 1) throw badRequest(`${matches.length} members of this user have the id ${JSON.stringify(identifier)}; address the member by its guid.`);
  return matches[0]?.guid ?? identifier;
}

export function resolveIdentifiers(app: App, version: SandboxVersion, params: Params): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) if (!name.endsWith('_identifier')) out[name] = value;
  const byId = version.partnerIds;
  const user = params.user_identifier;
  if (user !== undefined) out.user_guid = byId ? userGuid(app, user) : user;
  const member = params.member_identifier;
  if (member !== undefined) out.member_guid = byId ? memberGuid(app, out.user_guid ?? '', member) : member;
  // Accounts carry no partner id in the sandbox (MX sets `id` only for accounts a partner created), so a guid it is.
  if (params.account_identifier !== undefined) out.account_guid = params.account_identifier;
  const institution = params.institution_identifier;
  if (institution !== undefined) out.institution_code = byId ? (findInstitutionByIdentifier(institution)?.institution.code ?? institution) : institution;
  return out;
}
