// What each MX connection_status means for the person running mx-iav, and the command to run next. The flow
// decides when to stop polling; this file only words the outcome (whoever prints it strips control sequences, as
// render-error.ts does). Statuses: shared/mx-api-notes.md §5.
import { hint, step, type Hint } from '../next-step.js';

export type StatusKind = 'in_progress' | 'needs_answer' | 'success' | 'failure';

export interface StatusDescription {
  sentence: string;
  hint?: Hint;
  kind: StatusKind;
}

/** The steps the hints point at, kept together so they stay in step with src/commands. */
export const NEXT_STEP = {
  verify: step('verify'),
  updateCredentials: step('verify', { 'update-credentials': true }),
  newInstitution: step('verify', { institution: 'CODE' }),
  status: step('status'),
  resume: step('resume'),
} as const;

type Entry = (bank: string) => StatusDescription;

const later = hint`Try again later with: ${NEXT_STEP.verify}`;
const reenter = hint`Re-enter them with: ${NEXT_STEP.updateCredentials}`;
const otherBank = hint`Pick another institution with: ${NEXT_STEP.newInstitution}`;

const STATUSES: Record<string, Entry> = {
  CREATED: (bank) => ({ kind: 'in_progress', sentence: `Connecting to ${bank}…` }),
  UPDATED: (bank) => ({ kind: 'in_progress', sentence: `Updated the connection to ${bank}; connecting…` }),
  RECONNECTED: (bank) => ({ kind: 'in_progress', sentence: `Reconnecting to ${bank}…` }),
  RESUMED: (bank) => ({ kind: 'in_progress', sentence: `${bank} received your answer; waiting for the result…` }),
  PENDING: (bank) => ({
    kind: 'in_progress',
    sentence: `Waiting for you to finish signing in to ${bank} in the browser.`,
    hint: hint`Check progress with: ${NEXT_STEP.status}`,
  }),
  CHALLENGED: (bank) => ({
    kind: 'needs_answer',
    sentence: `${bank} needs an answer before it can continue.`,
    hint: hint`Answer it with: ${NEXT_STEP.resume}`,
  }),
  CONNECTED: (bank) => ({ kind: 'success', sentence: `Connected to ${bank}.` }),
  DENIED: (bank) => ({ kind: 'failure', sentence: `${bank} did not accept those credentials.`, hint: reenter }),
  PREVENTED: (bank) => ({
    kind: 'failure',
    sentence: `${bank} refused the credentials several times in a row, so MX stopped trying them.`,
    hint: hint`Enter the correct ones with: ${NEXT_STEP.updateCredentials}`,
  }),
  IMPAIRED: (bank) => ({
    kind: 'failure',
    sentence: `${bank} needs credentials that are missing or incomplete.`,
    hint: reenter,
  }),
  IMPORTED: (bank) => ({
    kind: 'failure',
    sentence: `${bank} needs you to sign in again before MX can read your accounts.`,
    hint: reenter,
  }),
  REJECTED: (bank) => ({
    kind: 'failure',
    sentence: `${bank} did not accept the answer to its security question.`,
    hint: hint`Answer again with: ${NEXT_STEP.verify}`,
  }),
  EXPIRED: () => ({
    kind: 'failure',
    sentence: 'The challenge was not answered in time.',
    hint: hint`Start again with: ${NEXT_STEP.verify}`,
  }),
  LOCKED: (bank) => ({
    kind: 'failure',
    sentence: `${bank} has locked access to your account.`,
    hint: hint`Log in at ${bank}'s website to unlock it, then run: ${NEXT_STEP.verify}`,
  }),
  IMPEDED: (bank) => ({
    kind: 'failure',
    sentence: `${bank} accepted the login but needs your attention first (for example, new terms to accept).`,
    hint: hint`Log in at ${bank}'s website and follow its instructions, then run: ${NEXT_STEP.verify}`,
  }),
  FAILED: (bank) => ({ kind: 'failure', sentence: `MX could not read your data from ${bank}.`, hint: later }),
  DEGRADED: (bank) => ({
    kind: 'failure',
    sentence: `The connection to ${bank} has failed several times recently, often because of maintenance at the bank.`,
    hint: later,
  }),
  DELAYED: (bank) => ({ kind: 'failure', sentence: `${bank} is taking longer than usual to respond.`, hint: later }),
  DISCONNECTED: (bank) => ({
    kind: 'failure',
    sentence: `${bank} is not sending data to MX right now.`,
    hint: hint`${later}; if it keeps happening, contact MX support.`,
  }),
  DISCONTINUED: (bank) => ({
    kind: 'failure',
    sentence: `MX no longer supports connections to ${bank}.`,
    hint: otherBank,
  }),
  CLOSED: (bank) => ({ kind: 'failure', sentence: `This connection to ${bank} has been closed.`, hint: otherBank }),
  DISABLED: (bank) => ({
    kind: 'failure',
    sentence: `MX has disabled connections to ${bank} for now.`,
    hint: otherBank,
  }),
};

/** A plain sentence for a status. null (no credentials yet) and unknown statuses get safe generic wording. */
export function describeStatus(status: string | null, institutionName: string): StatusDescription {
  const bank = institutionName.trim() || 'The bank';
  if (status === null) {
    return { kind: 'in_progress', sentence: `Waiting for ${bank} to start the connection…` };
  }
  const entry = STATUSES[status.toUpperCase()];
  if (entry) return entry(bank);
  // A status MX added after this was written: say what we know, never guess. The caller may treat it as still
  // in progress while is_being_aggregated is true.
  return {
    kind: 'failure',
    sentence: `The connection to ${bank} stopped with status ${status}, which mx-iav does not recognise.`,
    hint: hint`Check again with: ${NEXT_STEP.status}`,
  };
}
