import type { Random } from './random.js';
import type { StoredMember, StoredOwner } from './types.js';

/** An owner as the bank holds them; identification copies one per account. */
type OwnerTemplate = Omit<StoredOwner, 'guid' | 'accountGuid'>;

const person = (fields: Partial<OwnerTemplate> & Pick<OwnerTemplate, 'ownerName' | 'email'>): OwnerTemplate => ({
  // MX: first_name and last_name "will be null unless name splitting has been enabled" (mx-verification-extras §5).
  firstName: null,
  lastName: null,
  phone: null,
  address: null,
  city: null,
  state: null,
  postalCode: null,
  country: null,
  ...fields,
});

// MX Bank's one owner: the values of the spec's AccountOwnerResponse examples (v20250224.yml), since MX publishes
// no MX Bank owner of its own.
const MX_BANK_OWNER = person({
  ownerName: 'Josh Smith',
  email: 'example@example.com',
  phone: '555-555-5555',
  address: '3541 Adrian Street',
  city: 'Middlesex',
  state: 'VA',
  postalCode: '00000-0000',
  country: 'US',
});

// MXCU (OAuth) is MX's only multiple-owner test bank: "John Smith" (email only) and "Mary Smith" (123 Easy St,
// Schenectady NY 12345, mary.smith@example.com) [docs.mx.com testing-multiple-account-owners]. John's address is
// not published; his email here is the sandbox's own.
const MXCU_OWNERS = [
  person({ ownerName: 'John Smith', email: 'john.smith@example.com' }),
  person({ ownerName: 'Mary Smith', email: 'mary.smith@example.com', address: '123 Easy St', city: 'Schenectady', state: 'NY', postalCode: '12345', country: 'US' }),
];

// The sandbox's own owner for `mxuser_other_owner`: someone the person verifying is not (the owner-mismatch case).
const OTHER_OWNER = person({ ownerName: 'Jordan Rivers', email: 'jordan.rivers@example.com', address: '9 Elm Row', city: 'Provo', state: 'UT', postalCode: '84601', country: 'US' });

/** Owners by institution code (a client's string, hence a Map); any other institution has MX Bank's owner. */
const OWNERS_BY_INSTITUTION = new Map<string, OwnerTemplate[]>([['mxcu_oauth', MXCU_OWNERS]]);

/** Who owns the member's accounts: the login picks the mismatch owner, else the institution its sample owners. */
export function ownerTemplates(member: StoredMember): OwnerTemplate[] {
  if (member.profile === 'other_owner') return [OTHER_OWNER];
  return OWNERS_BY_INSTITUTION.get(member.institution_code) ?? [MX_BANK_OWNER];
}

/** What an identification job leaves: every owner of every account the member's login discovered. */
export function identifyOwners(engine: { random: Random }, member: StoredMember): void {
  const templates = ownerTemplates(member);
  const previous = member.owners ?? [];
  member.owners = member.accounts.flatMap((account) =>
    templates.map((template) => {
      // A repeated identification finds the same owners: their guids stay.
      const same = previous.find((owner) => owner.accountGuid === account.guid && owner.ownerName === template.ownerName);
      return { ...template, guid: same?.guid ?? engine.random.guid('ACO'), accountGuid: account.guid };
    }),
  );
}
