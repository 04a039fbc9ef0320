// MX's MFA challenge types, and the special account-selection challenge of the IAV guide.

export const CHALLENGE_TYPES = ['TEXT', 'OPTIONS', 'TOKEN', 'IMAGE_DATA', 'IMAGE_OPTIONS'] as const;
export type ChallengeType = (typeof CHALLENGE_TYPES)[number];

// MX asks which account to verify with an OPTIONS challenge labelled "Please select an account:" (the IAV guide);
// it carries no field_name or other marker, so the label is all there is to recognise it by.
export const ACCOUNT_SELECTION_LABEL = 'Please select an account:';
const ACCOUNT_SELECTION_PATTERN = /select an account/i;

export function isAccountSelectionChallenge(challenge: { type: string | null; label: string | null }): boolean {
  return challenge.type === 'OPTIONS' && ACCOUNT_SELECTION_PATTERN.test(challenge.label ?? '');
}

export function isSupportedChallenge(challenge: { type: string | null }): boolean {
  return (CHALLENGE_TYPES as readonly (string | null)[]).includes(challenge.type);
}
