// Shapes of MX's micro-deposit operations (tag `microdeposits`, the same in v20111101 and v20250224).
import type { Page, PageQuery } from './types.js';

/** MicrodepositElements + MicrodepositResponse; list entries carry only the MicrodepositResponse fields. */
export interface MicroDeposit {
  guid: string;
  status: string | null;
  error_message?: string | null;
  account_number?: string | null;
  account_type?: string | null;
  account_name?: string | null;
  routing_number?: string | null;
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  institution_code?: string | null;
  institution_name?: string | null;
  updated_at?: string | null;
  verified_at?: string | null;
}

export interface MicroDepositCreate {
  account_number: string;
  routing_number: string;
  account_type: string;
  account_name?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
}

/** "To pre-initiate a microdeposit, you only need to set `email`, `first_name`, and `last_name`." */
export interface MicroDepositPreinitiate {
  email: string;
  first_name: string;
  last_name: string;
}

export interface DepositAmounts {
  deposit_amount_1: number;
  deposit_amount_2: number;
}

export interface MicroDepositApi {
  /**
   * `knownGuids`: the user's micro-deposits before this create. MX gives a micro-deposit no partner id, so after an
   * ambiguous failure the one guid not among them is this create's; without them the create is never resent.
   */
  createMicroDeposit(userGuid: string, body: MicroDepositCreate | MicroDepositPreinitiate, options?: { knownGuids?: string[] }): Promise<MicroDeposit>;
  listMicroDeposits(userGuid: string, query?: PageQuery): Promise<Page<MicroDeposit>>;
  readMicroDeposit(userGuid: string, microDepositGuid: string): Promise<MicroDeposit>;
  deleteMicroDeposit(userGuid: string, microDepositGuid: string): Promise<void>;
  /** PUT /micro_deposits/{guid}/verify: the one micro-deposit path without a user segment. Never resent. */
  verifyMicroDeposit(microDepositGuid: string, amounts: DepositAmounts): Promise<MicroDeposit>;
  listAccountVerifications(userGuid: string): Promise<MicroDeposit[]>;
}
