import type { Account, AccountNumber, Member, MemberStatus } from '../../mx/types.js';
import type { App } from '../bank/app.js';
import { presentChallenge } from '../bank/challenges.js';
import { findInstitution, institutionGuid } from '../bank/institutions.js';
import { own } from '../bank/state.js';
import type { StoredAccount, StoredAccountNumber, StoredMember } from '../bank/types.js';

/** The OAuth page of this sandbox, carrying the member's current one-time token. */
export function oauthWindowUri(app: App, member: StoredMember): string | null {
  if (!member.is_oauth || !member.oauthToken) return null;
  const query = new URLSearchParams({ client_id: app.clientId, response_type: 'code', scope: 'openid', state: member.oauthToken });
  return `${app.url}/oauth/authorize?${query.toString()}`;
}

/** OAuthWindowResponse: the member's guid and a fresh one-time window URI. */
export function presentOAuthWindow(app: App, member: StoredMember): { guid: string; oauth_window_uri: string | null } {
  return { guid: member.guid, oauth_window_uri: oauthWindowUri(app, member) };
}

/**
 * MemberResponse. The spec types most_recent_job_guid and most_recent_job_detail_text as boolean (a spec bug),
 * so they are sent as null to stay valid against the contract.
 */
export function presentMember(app: App, m: StoredMember): Member & Record<string, unknown> {
  return {
    aggregated_at: m.aggregated_at,
    background_aggregation_is_disabled: m.background_aggregation_is_disabled,
    connection_status: m.connection_status,
    connection_status_message: m.connection_status_message,
    guid: m.guid,
    id: m.id,
    institution_code: m.institution_code,
    institution_guid: institutionGuid(m.institution_code),
    is_being_aggregated: m.is_being_aggregated,
    is_managed_by_user: true,
    is_manual: false,
    is_oauth: m.is_oauth,
    metadata: m.metadata,
    most_recent_job_detail_code: null,
    most_recent_job_detail_text: null,
    most_recent_job_guid: null,
    name: findInstitution(m.institution_code)?.institution.name ?? null,
    needs_updated_credentials: m.connection_status === 'DENIED' || m.connection_status === 'PREVENTED',
    oauth_window_uri: oauthWindowUri(app, m),
    successfully_aggregated_at: m.successfully_aggregated_at,
    user_guid: m.user_guid,
    user_id: own(app.state.users, m.user_guid)?.id ?? null,
    ...(m.use_cases ? { use_cases: m.use_cases } : {}),
  };
}

export function presentStatus(m: StoredMember): MemberStatus {
  return {
    aggregated_at: m.aggregated_at,
    ...(m.connection_status === 'CHALLENGED' ? { challenges: (m.challenges ?? []).map(presentChallenge) } : {}),
    connection_status: m.connection_status,
    guid: m.guid,
    has_processed_account_numbers: m.has_processed_account_numbers,
    has_processed_accounts: m.has_processed_accounts,
    has_processed_transactions: m.has_processed_transactions,
    is_authenticated: m.is_authenticated,
    is_being_aggregated: m.is_being_aggregated,
    successfully_aggregated_at: m.successfully_aggregated_at,
  };
}

/** AccountResponse: the account number is masked to its last four digits, as aggregated accounts are. */
export function presentAccount(app: App, m: StoredMember, a: StoredAccount): Account & Record<string, unknown> {
  const credit = a.type === 'CREDIT_CARD' || a.type === 'LOAN';
  return {
    account_number: a.accountNumber.slice(-4),
    // A balance check sets both; before one, the balance the login found.
    available_balance: a.availableBalance !== undefined ? a.availableBalance : credit ? null : a.balance,
    balance: a.balance,
    created_at: a.createdAt,
    currency_code: 'USD',
    guid: a.guid,
    id: null,
    institution_code: m.institution_code,
    institution_guid: institutionGuid(m.institution_code),
    is_closed: false,
    is_hidden: false,
    is_manual: false,
    member_guid: m.guid,
    member_id: m.id,
    member_is_managed_by_user: true,
    name: a.name,
    subtype: a.subtype,
    type: a.type,
    updated_at: a.balanceUpdatedAt ?? m.successfully_aggregated_at ?? a.createdAt,
    user_guid: m.user_guid,
    user_id: own(app.state.users, m.user_guid)?.id ?? null,
  };
}

export function presentAccountNumber(m: StoredMember, n: StoredAccountNumber): AccountNumber {
  return {
    account_guid: n.accountGuid,
    account_number: n.accountNumber,
    guid: n.guid,
    institution_number: null,
    loan_guarantor: null,
    loan_reference_number: null,
    member_guid: m.guid,
    passed_validation: true,
    routing_number: n.routingNumber,
    sequence_number: null,
    transit_number: null,
    user_guid: m.user_guid,
  };
}
