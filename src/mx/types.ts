// Shapes of MX Platform API v20111101 and v20250224 (shared/mx-openapi/). Nullable fields are nullable in the spec;
// a field only one version has is optional.

export type { Account, AccountNumber } from './account-types.js';
import type { ExtraProduct } from './payment-types.js';

export interface Pagination {
  current_page: number;
  per_page: number;
  total_entries: number;
  total_pages: number;
}

export interface User {
  guid: string;
  id: string | null;
  email: string | null;
  is_disabled: boolean | null;
  metadata: string | null;
}

export interface UserCreate {
  id?: string;
  email?: string;
  is_disabled?: boolean;
  metadata?: string;
}

export interface Institution {
  code: string | null;
  name: string | null;
  url: string | null;
  iso_country_code?: string;
  forgot_password_url: string | null;
  forgot_username_url: string | null;
  trouble_signing_in_url: string | null;
  instructional_text: string | null;
  instructional_text_steps: string[] | null;
  is_disabled_by_client: boolean | null;
  medium_logo_url: string | null;
  small_logo_url: string | null;
  supports_account_identification?: boolean | null;
  supports_account_statement?: boolean | null;
  supports_account_verification?: boolean | null;
  supports_oauth: boolean | null;
  supports_tax_document?: boolean | null;
  supports_transaction_history?: boolean | null;
  /** v20250224 only, as are `supported_products` (in place of the supports_* booleans) and `is_hidden`. */
  guid?: string;
  supported_products?: string[] | null;
  is_hidden?: boolean | null;
}

export interface InstitutionCredential {
  guid: string | null;
  field_name: string | null;
  field_type: string | null;
  label: string | null;
  type: string | null;
  display_order: number | null;
}

export interface CredentialValue {
  guid: string;
  value: string;
}

export interface Member {
  guid: string;
  id: string | null;
  user_guid: string | null;
  user_id?: string | null;
  institution_code: string | null;
  institution_guid?: string;
  name: string | null;
  metadata: string | null;
  connection_status: string | null;
  connection_status_message?: string | null;
  is_being_aggregated: boolean | null;
  is_oauth: boolean | null;
  is_managed_by_user?: boolean | null;
  is_manual?: boolean | null;
  needs_updated_credentials?: boolean | null;
  background_aggregation_is_disabled?: boolean;
  aggregated_at: string | null;
  successfully_aggregated_at: string | null;
  oauth_window_uri?: string | null;
  most_recent_job_detail_code?: number | null;
  use_cases?: string[];
}

export interface MemberCreate {
  institution_code: string;
  credentials: CredentialValue[];
  id?: string;
  metadata?: string;
  is_oauth?: boolean;
  /** v20111101 only: the client leaves it out on versions whose spec removed it (versions.ts). */
  skip_aggregation?: boolean;
  background_aggregation_is_disabled?: boolean;
}

export interface MemberCreateOptions {
  referral_source?: 'BROWSER' | 'APP';
  client_redirect_url?: string;
  /** Products to run after the verification where the create can ask for them (v20250224); not a body field. */
  alsoProducts?: ExtraProduct[];
}

export interface MemberUpdate {
  credentials?: CredentialValue[];
  id?: string;
  metadata?: string;
  /** v20111101 only: the client leaves it out on versions whose spec removed it (versions.ts). */
  skip_aggregation?: boolean;
  background_aggregation_is_disabled?: boolean;
}

export interface ChallengeOption {
  guid?: string | null;
  label: string | null;
  value: string | null;
}

export interface ChallengeImageOption extends ChallengeOption {
  data_uri: string | null;
}

export interface Challenge {
  guid: string | null;
  type: string | null;
  label: string | null;
  field_name: string | null;
  image_data?: string | null;
  options?: ChallengeOption[];
  image_options?: ChallengeImageOption[];
}

export interface MemberStatus {
  guid: string | null;
  connection_status: string | null;
  is_authenticated: boolean | null;
  is_being_aggregated: boolean | null;
  aggregated_at: string | null;
  successfully_aggregated_at: string | null;
  has_processed_accounts?: boolean | null;
  has_processed_account_numbers?: boolean | null;
  has_processed_transactions?: boolean | null;
  challenges?: Challenge[];
}

export interface OAuthWindow {
  guid: string | null;
  oauth_window_uri: string | null;
}

export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

export interface PageQuery {
  page?: number;
  records_per_page?: number;
}

export interface InstitutionQuery extends PageQuery {
  name?: string;
  /** true: only institutions offering instant account verification, by the version's filter (versions.ts). */
  supports_account_verification?: boolean;
}

export interface UserQuery extends PageQuery {
  id?: string;
  email?: string;
}

/** What POST /verify answered: 200 starts a job; 202 means a verification was already running, so attach to it. */
export interface VerifyResult {
  member: Member;
  alreadyRunning: boolean;
}

/** What a Connect widget in verification mode is to open on (the version's body: versions.ts widgetUrlBody). */
export interface WidgetUrlRequest {
  /** Opens the widget on this institution's sign-in, with search turned off. */
  institutionCode?: string;
  /** Opens the widget on a member that needs the customer (challenged, denied, expired credentials). */
  memberGuid?: string;
  /** Also identify the accounts' owner (Account Owner Identification). */
  owner?: boolean;
  colorScheme?: 'light' | 'dark';
  /** A BCP 47 language tag such as fr-CA, sent as Accept-Language (and, where the spec has it, in the body). */
  locale?: string;
}

export interface WidgetUrl {
  type: string | null;
  /** One use, ten minutes: "The URL expires after ten minutes or upon first use, whichever occurs first." */
  url: string;
  user_id: string | null;
}
