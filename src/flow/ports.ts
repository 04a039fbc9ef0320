import type { MxApi } from '../mx/api.js';
import type { PaymentCheckKind } from './payment-check.js';
import type { Challenge, CredentialValue, Institution, InstitutionCredential, Page } from '../mx/types.js';

export type SearchInstitutions = (name: string, page: number) => Promise<Page<Institution>>;

/** Every question the flow may ask. Implementations: inquirer (terminal), no-input (flags and env), scripted (tests). */
export interface Prompter {
  /** Lets the user find and pick an institution; `search` pages through MX's results. */
  chooseInstitution(search: SearchInstitutions, initialName?: string): Promise<Institution>;
  /** One value per field, in the order given (the flow sorts by display_order). Secret fields are masked. */
  askCredentials(institution: Institution, fields: InstitutionCredential[]): Promise<CredentialValue[]>;
  /** The answer's value for one challenge: an option's value for OPTIONS/IMAGE_OPTIONS, typed text otherwise. */
  answerChallenge(challenge: Challenge, position: ChallengePosition): Promise<string>;
  /** A yes/no question; every caller says what Enter means and what a run that cannot ask gets (ConfirmAnswers). */
  confirm(message: string, answers: ConfirmAnswers): Promise<boolean>;
  /**
   * OAuth: shows the bank's one-time sign-in link (on stderr, even under --json: it is the only way on) and, where
   * the user asked for it, opens the browser. Optional so that a prompter without it still works: the flow then
   * reports the link through Progress.
   */
  sendToBank?(uri: string, institution: Institution): Promise<void>;
}

/**
 * The one confirm rule: `defaultValue` is what Enter gives in a terminal, `fallbackValue` what a run without one
 * (--no-input, CI, a pipe) gets. Both are stated at each question, so neither is left to a prompter's habit.
 */
export interface ConfirmAnswers {
  defaultValue: boolean;
  fallbackValue: boolean;
}

export interface ChallengePosition {
  /** 0-based index among the challenges answered during this run (non-account-selection ones only). */
  answerIndex: number;
  isAccountSelection: boolean;
}

/** What the flow tells the person watching; the terminal renders it, `--json` silences it, tests record it. */
export interface Progress {
  info(message: string): void;
  success(message: string): void;
  warn(message: string): void;
  /** A wait begins (the terminal shows a spinner). */
  startWaiting(label: string): void;
  updateWaiting(connectionStatus: string | null, elapsedMs: number): void;
  stopWaiting(): void;
}

/**
 * The last point the profile's verification reached, in order: a user exists, an institution is chosen, a member is
 * created, MX was asked to verify it (by verify, or by the member's create on API versions that start it there),
 * a challenge waits for an answer, the numbers were read, or the verification ended unsuccessfully. The profile
 * schema validates saved files against this same list.
 */
export const FLOW_STEPS = ['user', 'institution', 'member', 'verifying', 'challenged', 'done', 'failed'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

export interface StatusEvent {
  at: string;
  status: string | null;
}

/** What is remembered between runs for one profile and environment. Never credentials. */
export interface FlowState {
  user_guid?: string;
  member_guid?: string;
  /**
   * The partner id of a user (member) being created, saved before the create is sent and forgotten once its guid is
   * saved: a run killed while the create was in flight leaves it, and the next run finds that object by it.
   */
  pending_user_id?: string;
  pending_member_id?: string;
  institution_code?: string;
  /** The micro-deposit this profile verifies with, when instant verification was not available. */
  micro_deposit_guid?: string;
  /**
   * The user's micro-deposits before a create was sent, kept until the new guid is saved: MX gives a micro-deposit
   * no partner id, so after a run killed meanwhile the one guid not listed here is that create's.
   */
  pending_micro_deposit_known?: string[];
  /** Wrong pairs of amounts typed for the saved micro-deposit (MX allows three). */
  micro_deposit_attempts?: number;
  step?: FlowStep;
  history?: StatusEvent[];
  last_error?: string;
  /** What `verify --owner/--balance` asked besides the numbers, so `resume` finishes and prints the same check. */
  payment_checks?: PaymentCheckKind[];
}

export interface Store {
  read(): FlowState;
  update(patch: Partial<FlowState>): void;
  forget(keys: (keyof FlowState)[]): void;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface FlowDeps {
  client: MxApi;
  prompter: Prompter;
  progress: Progress;
  store: Store;
  clock: Clock;
}
