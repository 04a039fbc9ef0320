import { ACCOUNT_SELECTION_LABEL, type ChallengeType } from '../../domain/challenges.js';
import type { Random } from './random.js';
import { solidPng } from './png.js';
import type { StoredAccount, StoredChallenge } from './types.js';

export type MfaKind = ChallengeType;

const GREEN = solidPng([46, 160, 67]).toString('base64');
const RED = solidPng([208, 48, 48]).toString('base64');

/**
 * MX does not publish MX Bank's challenge payloads for the Platform API; these follow the shapes in the spec
 * and Atrium's docs ("Select \"correct\""). Every kind is passed by answering `correct`.
 */
export function mfaChallenge(kind: MfaKind, random: Random): StoredChallenge {
  const guid = random.guid('CRD');
  const choices = [
    { label: 'correct', value: 'correct' },
    { label: 'incorrect', value: 'incorrect' },
  ];
  switch (kind) {
    case 'TEXT':
      return { purpose: 'mfa', guid, type: 'TEXT', label: 'What city were you born in?', field_name: 'What city were you born in?' };
    case 'OPTIONS':
      return { purpose: 'mfa', guid, type: 'OPTIONS', label: 'Select "correct"', field_name: 'Select "correct"', options: choices };
    case 'TOKEN':
      return { purpose: 'mfa', guid, type: 'TOKEN', label: 'Enter the code we sent to your phone', field_name: 'Enter the code we sent to your phone' };
    case 'IMAGE_DATA':
      return { purpose: 'mfa', guid, type: 'IMAGE_DATA', label: 'What do you see in this image?', field_name: 'What do you see in this image?', image_data: GREEN };
    case 'IMAGE_OPTIONS':
      return {
        purpose: 'mfa',
        guid,
        type: 'IMAGE_OPTIONS',
        label: 'Select the image labelled "correct"',
        field_name: 'Select the image labelled "correct"',
        image_options: choices.map((c, i) => ({ ...c, data_uri: `data:image/png;base64,${i === 0 ? GREEN : RED}` })),
      };
  }
}

/** The special account-selection challenge of MX's IAV guide: one option per eligible account. */
export function selectionChallenge(accounts: StoredAccount[], random: Random): StoredChallenge {
  return {
    purpose: 'selection',
    guid: random.guid('CRD'),
    type: 'OPTIONS',
    label: ACCOUNT_SELECTION_LABEL,
    field_name: null,
    options: accounts.map((a) => ({ label: `${a.name} ••${a.accountNumber.slice(-4)}`, value: a.selectionValue })),
  };
}

/** The challenge as MX sends it: internal fields dropped, absent kinds omitted. */
export function presentChallenge({ purpose: _purpose, ...challenge }: StoredChallenge): Omit<StoredChallenge, 'purpose'> {
  return challenge;
}
