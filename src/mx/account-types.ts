// Account and account-number shapes, the same in MX's v20111101 and v20250224 for every field IAV reads
// (v20250224 dropped only *_set_by, feed_* and a few balance fields from accounts).

export interface AccountNumber {
  guid: string | null;
  account_guid: string | null;
  member_guid: string | null;
  user_guid: string | null;
  account_number: string | null;
  routing_number: string | null;
  passed_validation: boolean | null;
  institution_number: string | null;
  transit_number: string | null;
  sequence_number?: string | null;
  loan_guarantor?: string | null;
  loan_reference_number?: string | null;
}

export interface Account {
  guid: string | null;
  id?: string | null;
  member_guid: string | null;
  user_guid: string | null;
  institution_code: string | null;
  name: string | null;
  type: string | null;
  subtype?: string | null;
  account_number: string | null;
  balance?: number | null;
  available_balance?: number | null;
  currency_code?: string | null;
  is_closed?: boolean | null;
  /** When MX last updated the account (its balances included). */
  updated_at?: string | null;
}
