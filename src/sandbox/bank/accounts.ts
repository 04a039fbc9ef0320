import type { Random } from './random.js';
import type { StoredAccount } from './types.js';

/** Which accounts a test login owns; the login name picks the profile, any other name gets `standard`. */
export type Profile = 'standard' | 'one_account' | 'no_dda' | 'other_owner';

export const PROFILE_USERNAMES: Record<Profile, string> = {
  standard: 'mxuser',
  one_account: 'mxuser_one_account',
  no_dda: 'mxuser_no_dda',
  // One checking account whose owner is not the person the tests expect (owners.ts): the owner-mismatch case.
  other_owner: 'mxuser_other_owner',
};

interface Template {
  name: string;
  type: string;
  subtype: string;
  balance: number;
}

const TEMPLATES: Record<Profile, Template[]> = {
  standard: [
    { name: 'Checking', type: 'CHECKING', subtype: 'NONE', balance: 1250.37 },
    { name: 'Savings', type: 'SAVINGS', subtype: 'NONE', balance: 8400.0 },
    { name: 'Credit Card', type: 'CREDIT_CARD', subtype: 'NONE', balance: 312.9 },
  ],
  one_account: [
    { name: 'Checking', type: 'CHECKING', subtype: 'NONE', balance: 980.15 },
    { name: 'Credit Card', type: 'CREDIT_CARD', subtype: 'NONE', balance: 75.0 },
  ],
  other_owner: [{ name: 'Checking', type: 'CHECKING', subtype: 'NONE', balance: 640.5 }],
  no_dda: [
    { name: 'Credit Card', type: 'CREDIT_CARD', subtype: 'NONE', balance: 512.44 },
    { name: 'Auto Loan', type: 'LOAN', subtype: 'AUTO', balance: 14250.0 },
  ],
};

/** Instant account verification covers deposit accounts only (MX: "only CHECKING and SAVINGS accounts"). */
export function isEligible(account: StoredAccount): boolean {
  return account.type === 'CHECKING' || account.type === 'SAVINGS';
}

export function profileFor(login: string | undefined): Profile {
  if (login === PROFILE_USERNAMES.no_dda) return 'no_dda';
  if (login === PROFILE_USERNAMES.one_account) return 'one_account';
  if (login === PROFILE_USERNAMES.other_owner) return 'other_owner';
  return 'standard';
}

/** The accounts "at the bank": created with the member, shown by the API only once a job has authenticated. */
export function openAccounts(profile: string, random: Random, createdAt: string): StoredAccount[] {
  const templates = TEMPLATES[profile as Profile] ?? TEMPLATES.standard;
  return templates.map((t) => ({
    guid: random.guid('ACT'),
    selectionValue: `act-${1 + random.int(9)}${random.digits(7)}`,
    name: t.name,
    type: t.type,
    subtype: t.subtype,
    accountNumber: `${1 + random.int(9)}${random.digits(9)}`,
    balance: t.balance,
    createdAt,
  }));
}
