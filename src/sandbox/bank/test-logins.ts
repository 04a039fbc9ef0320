import { PROFILE_USERNAMES } from './accounts.js';
import type { MfaKind } from './challenges.js';
import type { ConnectionStatus } from './types.js';

export type LoginOutcome =
  | { kind: 'success' }
  | { kind: 'mfa'; challenge: MfaKind }
  | { kind: 'error'; status: ConnectionStatus };

/** MX Bank's documented test passwords (case sensitive); any other password connects. */
const PASSWORDS: Record<string, LoginOutcome> = {
  challenge: { kind: 'mfa', challenge: 'TEXT' },
  options: { kind: 'mfa', challenge: 'OPTIONS' },
  image: { kind: 'mfa', challenge: 'IMAGE_DATA' },
  token: { kind: 'mfa', challenge: 'TOKEN' },
  image_options: { kind: 'mfa', challenge: 'IMAGE_OPTIONS' },
  BAD_REQUEST: { kind: 'error', status: 'FAILED' },
  UNAUTHORIZED: { kind: 'error', status: 'DENIED' },
  INVALID: { kind: 'error', status: 'DENIED' },
  LOCKED: { kind: 'error', status: 'LOCKED' },
  DISABLED: { kind: 'error', status: 'DENIED' },
  SERVER_ERROR: { kind: 'error', status: 'FAILED' },
  UNAVAILABLE: { kind: 'error', status: 'FAILED' },
};

/** MFA answers that simulate an FI error; `correct` passes and anything else is a wrong answer. */
const ANSWERS: Record<string, ConnectionStatus> = {
  correct: 'CONNECTED',
  DISABLED: 'DENIED',
  SERVER_ERROR: 'FAILED',
  UNAVAILABLE: 'FAILED',
};

/** The test login a password selects, stored on a member so the password itself never has to be kept. */
export function testLoginOf(password: string | undefined): string {
  return password !== undefined && Object.hasOwn(PASSWORDS, password) ? password : 'success';
}

export function loginOutcome(testLogin: string): LoginOutcome {
  return (Object.hasOwn(PASSWORDS, testLogin) ? PASSWORDS[testLogin] : undefined) ?? { kind: 'success' };
}

export function answerOutcome(value: string): ConnectionStatus {
  return (Object.hasOwn(ANSWERS, value) ? ANSWERS[value] : undefined) ?? 'REJECTED';
}

/** MX's widget wording where MX Bank's docs give it (FAILED, DENIED, LOCKED); the rest are ours. */
export function statusMessage(status: ConnectionStatus, institution: string): string {
  switch (status) {
    case 'CONNECTED': return `Connected to ${institution}`;
    case 'CHALLENGED': return `To authenticate your connection to ${institution}, please answer the following challenge(s).`;
    case 'RESUMED': return 'The answer or answers provided are being validated.';
    case 'REJECTED': return 'The answer or answers provided were incorrect. Please try again.';
    case 'EXPIRED': return 'The answer or answers were not provided in time. Please try again.';
    case 'FAILED': return `There was a problem validating your credentials with ${institution}. Please try again later.`;
    case 'DENIED': return `The credentials entered do not match those at ${institution}. Please correct them below to continue.`;
    case 'LOCKED': return `Your account is locked. Please log in to the appropriate website for ${institution} and follow the steps to resolve the issue.`;
    case 'PREVENTED': return `Too many attempts with incorrect credentials. Please update your credentials for ${institution} to continue.`;
    case 'PENDING': return `Waiting for you to finish signing in at ${institution}.`;
    default: return `Syncing with ${institution}.`;
  }
}

export interface TestLoginRow {
  institution: string;
  username: string;
  password: string;
  answers: string;
  outcome: string;
  /** The webhooks the login sends (documentation; the printed table leaves it out for width). */
  webhooks?: string;
}

const mx = 'mxbank';
const user = PROFILE_USERNAMES.standard;
const mfa = 'challenge | options | image | token | image_options';

/**
 * What `mx-iav sandbox` prints: every way to steer the sandbox, and what the member ends as. `webhooks` says what
 * each sends besides the MEMBER created every new member sends (README); v20250224 creates that verify or aggregate
 * with data_request end with INITIAL_DATA_READY too.
 */
export const TEST_LOGINS: readonly TestLoginRow[] = Object.freeze([
  { institution: mx, username: user, password: 'any other value (e.g. correct)', answers: 'account choice', outcome: 'CONNECTED; verify asks "Please select an account:" (Checking, Savings); the chosen one gets account numbers', webhooks: 'verify: CONNECTION_STATUS CHALLENGED (the account choice), then VERIFICATION; an aggregation: AGGREGATION' },
  { institution: mx, username: PROFILE_USERNAMES.one_account, password: 'any other value', answers: '-', outcome: 'CONNECTED; the only checking account is verified without a selection challenge', webhooks: 'verify: VERIFICATION; an aggregation: AGGREGATION' },
  { institution: mx, username: PROFILE_USERNAMES.no_dda, password: 'any other value', answers: '-', outcome: 'CONNECTED with no account numbers (no eligible accounts)', webhooks: 'AGGREGATION only (nothing verified, so no VERIFICATION)' },
  { institution: mx, username: PROFILE_USERNAMES.other_owner, password: 'any other value', answers: '-', outcome: 'CONNECTED, one checking account; identify finds owner Jordan Rivers (the owner-mismatch case; MX Bank logins otherwise find Josh Smith)', webhooks: 'verify: VERIFICATION; an aggregation: AGGREGATION' },
  { institution: mx, username: user, password: 'challenge', answers: 'correct', outcome: 'TEXT challenge, then CONNECTED', webhooks: 'CONNECTION_STATUS CHALLENGED, then as for any other password' },
  { institution: mx, username: user, password: 'options', answers: 'correct', outcome: 'OPTIONS challenge, then CONNECTED', webhooks: 'CONNECTION_STATUS CHALLENGED, then as for any other password' },
  { institution: mx, username: user, password: 'image', answers: 'correct', outcome: 'IMAGE_DATA challenge, then CONNECTED', webhooks: 'CONNECTION_STATUS CHALLENGED, then as for any other password' },
  { institution: mx, username: user, password: 'token', answers: 'correct', outcome: 'TOKEN challenge, then CONNECTED', webhooks: 'CONNECTION_STATUS CHALLENGED, then as for any other password' },
  { institution: mx, username: user, password: 'image_options', answers: 'correct', outcome: 'IMAGE_OPTIONS challenge, then CONNECTED', webhooks: 'CONNECTION_STATUS CHALLENGED, then as for any other password' },
  { institution: mx, username: user, password: mfa, answers: 'DISABLED', outcome: 'DENIED', webhooks: 'CONNECTION_STATUS CHALLENGED, then DENIED' },
  { institution: mx, username: user, password: mfa, answers: 'SERVER_ERROR | UNAVAILABLE', outcome: 'FAILED', webhooks: 'CONNECTION_STATUS CHALLENGED (FAILED sends none)' },
  { institution: mx, username: user, password: mfa, answers: 'any other answer', outcome: 'REJECTED', webhooks: 'CONNECTION_STATUS CHALLENGED, then REJECTED' },
  { institution: mx, username: user, password: mfa, answers: 'none in time', outcome: 'EXPIRED', webhooks: 'CONNECTION_STATUS CHALLENGED, then EXPIRED' },
  { institution: mx, username: user, password: 'BAD_REQUEST', answers: '-', outcome: 'FAILED', webhooks: 'none (FAILED sends none)' },
  { institution: mx, username: user, password: 'UNAUTHORIZED | INVALID | DISABLED', answers: '-', outcome: 'DENIED', webhooks: 'CONNECTION_STATUS DENIED' },
  { institution: mx, username: user, password: 'LOCKED', answers: '-', outcome: 'LOCKED', webhooks: 'CONNECTION_STATUS LOCKED' },
  { institution: mx, username: user, password: 'SERVER_ERROR | UNAVAILABLE', answers: '-', outcome: 'FAILED', webhooks: 'none (FAILED sends none)' },
  { institution: mx, username: user, password: 'a DENIED outcome 3 times in a row', answers: '-', outcome: 'PREVENTED until the credentials are updated', webhooks: 'CONNECTION_STATUS DENIED, DENIED, then PREVENTED' },
  { institution: 'mx_bank_oauth', username: '(OAuth)', password: '(OAuth)', answers: 'Approve in the browser', outcome: 'CONNECTED; verify as for mxbank/mxuser', webhooks: 'as for mxbank/mxuser, once approved' },
  { institution: 'mx_bank_oauth', username: '(OAuth)', password: '(OAuth)', answers: 'Deny in the browser', outcome: 'DENIED', webhooks: 'CONNECTION_STATUS DENIED' },
  { institution: 'mxcu_oauth', username: '(OAuth)', password: '(OAuth)', answers: 'as for mx_bank_oauth', outcome: 'as for mx_bank_oauth (MXCU (OAuth), which MX now recommends); identify finds John Smith and Mary Smith (123 Easy St, Schenectady NY 12345)', webhooks: 'as for mx_bank_oauth' },
  { institution: 'old_mill_savings', username: user, password: 'any', answers: '-', outcome: 'listed on v20250224 with is_hidden true; create member → 400', webhooks: 'none (no member is created)' },
  { institution: 'evergreen_fcu', username: user, password: 'as for mxbank (plus any PIN)', answers: 'as for mxbank', outcome: 'as for mxbank', webhooks: 'as for mxbank' },
  { institution: 'harborview_brokerage', username: user, password: 'any', answers: '-', outcome: 'verify → 400: no instant account verification; v20250224 create with data_request account_verification → 201 (product failed), aggregation runs', webhooks: 'AGGREGATION (verify is refused)' },
]);
