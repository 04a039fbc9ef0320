// MX's Account Owner Identification shapes (AccountOwnerResponse), the same fields in v20111101 and v20250224.

export interface AccountOwner {
  guid: string | null;
  account_guid: string | null;
  member_guid: string | null;
  user_guid: string | null;
  owner_name: string | null;
  /** "null unless name splitting has been enabled" (MX's identity overview). */
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
}

/** The products a create may ask for besides verification, where the version can (v20250224 `data_request`). */
export type ExtraProduct = 'identity_verification';
