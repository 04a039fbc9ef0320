import type { Challenge } from '../mx/types.js';

// MX asks which account to verify with an OPTIONS challenge labelled "Please select an account:" (the IAV guide);
// it carries no field_name or other marker, so the label is all there is to recognise it by.
const ACCOUNT_SELECTION_LABEL = /select an account/i;

export const SUPPORTED_CHALLENGE_TYPES = ['TEXT', 'OPTIONS', 'TOKEN', 'IMAGE_DATA', 'IMAGE_OPTIONS'] as const;

export function isAccountSelectionChallenge(challenge: Challenge): boolean {
  return challenge.type === 'OPTIONS' && ACCOUNT_SELECTION_LABEL.test(challenge.label ?? '');
}

export function isSupportedChallenge(challenge: Challenge): boolean {
  return (SUPPORTED_CHALLENGE_TYPES as readonly (string | null)[]).includes(challenge.type);
}
