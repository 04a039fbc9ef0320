import { CONNECTION_STATUSES } from '../../../domain/statuses.js';
import type { App } from '../../bank/app.js';
import { presentChallenge } from '../../bank/challenges.js';
import { type CatalogInstitution, findInstitution } from '../../bank/institutions.js';
import { oauthWindowUri } from '../present.js';
import type { StoredMember } from '../../bank/types.js';
import type { WidgetSession } from './sessions.js';

/** What the page shows next for a member. */
export type Outcome = 'working' | 'oauth' | 'challenged' | 'connected' | 'no_eligible' | 'error';

export interface InstitutionView {
  code: string;
  guid: string;
  name: string;
  url: string;
  oauth: boolean;
}

export function institutionView(inst: CatalogInstitution): InstitutionView {
  const { code, name, url, supports_oauth } = inst.institution;
  return { code: code ?? '', guid: inst.guid, name: name ?? code ?? '', url: url ?? '', oauth: supports_oauth ?? false };
}

/**
 * The widget's events carry connection_status as a number: MX's widget numbers the statuses in the order of MX's
 * status table (CREATED 0, PREVENTED 1, DENIED 2, CHALLENGED 3, … CONNECTED 6, … PENDING 21), which is the order
 * of CONNECTION_STATUSES.
 */
export function statusNumber(status: string): number {
  return (CONNECTION_STATUSES as readonly string[]).indexOf(status);
}

function outcomeOf(member: StoredMember, session: WidgetSession): Outcome {
  const status = member.connection_status;
  if (status === 'CHALLENGED') return 'challenged';
  if (member.is_being_aggregated) return 'working';
  if (member.is_oauth && member.oauthToken !== null && status !== 'CONNECTED') return 'oauth';
  if (status !== 'CONNECTED') return 'error';
  // MX's invalidData code 1000: connected, but no account the verification could use.
  if (session.config.verification && member.accountNumbers.length === 0) return 'no_eligible';
  return 'connected';
}

export function memberView(app: App, session: WidgetSession, member: StoredMember) {
  const inst = findInstitution(member.institution_code);
  return {
    guid: member.guid,
    institution: inst ? institutionView(inst) : null,
    connection_status: member.connection_status,
    status_code: statusNumber(member.connection_status),
    message: member.connection_status_message,
    outcome: outcomeOf(member, session),
    challenges: member.connection_status === 'CHALLENGED' ? (member.challenges ?? []).map(presentChallenge) : [],
    oauth_url: oauthWindowUri(app, member),
  };
}
