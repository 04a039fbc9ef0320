import type { Challenge, User } from '../../mx/types.js';
import type { Product } from './institutions.js';
import type { StoredMicroDeposit } from './micro-deposits/table.js';
import type { ConnectionStatus } from '../../domain/statuses.js';

export type { ConnectionStatus };

/** identification and balance are MX's identify and check_balance jobs (http/routes/payment-jobs.ts). */
export type JobKind = 'aggregation' | 'verification' | 'identification' | 'balance';

/** A challenge as stored: what MX shows, plus what the sandbox needs to judge the answer. */
export interface StoredChallenge extends Challenge {
  purpose: 'mfa' | 'selection';
}

/** One point a job passes through. A step whose `aggregating` is false ends the job; CHALLENGED waits for resume. */
export interface JobStep {
  status: ConnectionStatus;
  aggregating: boolean;
  authenticated: boolean;
  challenges?: StoredChallenge[];
  /** Guids of the accounts whose numbers this (final) step reveals. */
  verifiedAccounts?: string[];
  message?: string;
}

/** Step i of the current segment takes effect at segmentStart + i × jobMs; a resume starts a new segment. */
export interface StoredJob {
  guid: string;
  kind: JobKind;
  segmentStart: number;
  steps: JobStep[];
  applied: number;
  ended: boolean;
  /** Started by the member's creation (v20250224 data_request, or an OAuth approval after it), not by verify. */
  atCreate?: boolean;
}

export interface StoredAccount {
  guid: string;
  /** The value the account-selection challenge offers for this account (`act-<digits>`, as in MX's guide). */
  selectionValue: string;
  name: string;
  type: string;
  subtype: string;
  accountNumber: string;
  balance: number;
  createdAt: string;
  /** Set by a balance check (balances.ts); absent on accounts never checked and on state saved before checks existed. */
  availableBalance?: number | null;
  balanceUpdatedAt?: string;
}

/** An account owner as identification found it (owners.ts); one per owner and account. */
export interface StoredOwner {
  guid: string;
  accountGuid: string;
  ownerName: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface StoredAccountNumber {
  guid: string;
  accountGuid: string;
  accountNumber: string;
  routingNumber: string;
}

export interface StatusChange {
  status: ConnectionStatus;
  at: number;
}

export interface StoredMember {
  guid: string;
  id: string | null;
  user_guid: string;
  institution_code: string;
  metadata: string | null;
  is_oauth: boolean;
  skip_aggregation: boolean;
  /** v20250224 `data_request.products` the institution supports; null or absent when none were asked for. */
  products?: Product[] | null;
  background_aggregation_is_disabled: boolean;
  use_cases?: string[];
  /** Only hashes of the submitted values are kept: enough to spot a duplicate member, never the secrets. */
  credentialHashes: Record<string, string>;
  /** Which test accounts the login name selects (see accounts.ts). */
  profile: string;
  /** Which MX Bank test login the password selects (bank/test-logins.ts); `scenario` is the state file's name for it. */
  scenario: string;
  connection_status: ConnectionStatus;
  connection_status_message: string;
  is_being_aggregated: boolean;
  is_authenticated: boolean;
  aggregated_at: string | null;
  successfully_aggregated_at: string | null;
  has_processed_accounts: boolean;
  has_processed_account_numbers: boolean;
  has_processed_transactions: boolean;
  accountsDiscovered: boolean;
  challenges: StoredChallenge[] | null;
  consecutiveDenials: number;
  job: StoredJob | null;
  oauthToken: string | null;
  accounts: StoredAccount[];
  accountNumbers: StoredAccountNumber[];
  /** Filled by an identification job (or a v20250224 create asking identity_verification); absent before. */
  owners?: StoredOwner[];
  history: StatusChange[];
  /** The API version the member was created with: INITIAL_DATA_READY is a v20250224 webhook only. */
  apiVersion?: string;
  /** When it was created (ISO, whole seconds): MEMBER webhooks carry it; members stored before it existed have none. */
  createdAt?: string;
  /** The last X-CALLBACK-PAYLOAD a create or update sent, which MEMBER webhooks echo. */
  callbackPayload?: string;
}

export interface SandboxState {
  version: 1;
  rngState: number;
  jobsStarted: number;
  users: Record<string, User>;
  members: Record<string, StoredMember>;
  /** Absent in files written before micro-deposits existed. */
  microDeposits?: StoredMicroDeposit[];
  /** How far the sandbox clock was advanced; absent until it is. */
  clockOffsetMs?: number;
}
