import { VerificationError } from '../errors.js';
import type { AccountOwner } from '../mx/payment-types.js';
import { hint, step } from '../next-step.js';

// Comparing a name the user expects with the owners MX found. Banks hold names in their own case and spacing, and
// MX splits them only when asked ("null unless name splitting has been enabled"), so both the whole owner_name
// and first + last are compared, ignoring case, punctuation and extra spaces.

const normalize = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export function ownerNames(owner: AccountOwner): string[] {
  const split = [owner.first_name, owner.last_name].filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
  return [owner.owner_name ?? '', split].filter((name) => name !== '');
}

export function ownerMatches(owner: AccountOwner, expected: string): boolean {
  const wanted = normalize(expected);
  return wanted !== '' && ownerNames(owner).some((name) => normalize(name) === wanted);
}

/** Exit 5 when none of the verified accounts' owners is the expected person; MX's names are quoted in the sentence. */
export function assertOwner(owners: AccountOwner[], expected: string, institutionName: string): void {
  if (owners.some((owner) => ownerMatches(owner, expected))) return;
  const found = [...new Set(owners.map((owner) => owner.owner_name ?? '').filter((name) => name !== ''))].map((name) => name.slice(0, 80));
  const named = found.length === 0 ? 'found no owner' : `found ${found.map((name) => `"${name}"`).join(', ')}`;
  throw new VerificationError(
    'CONNECTED',
    `No owner of the verified account matches "${expected.slice(0, 80)}": ${institutionName} ${named}.`,
    hint`Check the name, or verify an account this person owns: ${step('verify', { new: true })}`,
    'owner_mismatch',
  );
}
