import type { App, MemberAction } from '../../bank/app.js';
import type { StepNotice } from '../../bank/jobs.js';
import { badRequest } from '../reply.js';
import type { StoredMember } from '../../bank/types.js';
import {
  aggregationPayload,
  balancePayload,
  connectionStatusPayload,
  initialDataReadyPayload,
  memberPayload,
  NOTIFIED_STATUSES,
  type Payload,
  verificationPayload,
  verifiedAccounts,
  type WebhookType,
} from './payloads.js';

export interface Emission {
  type: WebhookType;
  action: string;
  payload: Payload;
}

/**
 * What MX would send for one applied step, in the order it would: the status change first, then what the job's end
 * produced. A verification that revealed no account numbers (no eligible account) is not "a member verification
 * [that] is successful", so it sends no VERIFICATION; its data was still aggregated, hence AGGREGATION instead.
 * A finished check_balance sends BALANCE, not AGGREGATION: MX's Aggregation page fires "only after a completed
 * aggregation", its Balance page "only after a completed balance fetch". Every successful fetch sends one, whether
 * or not an amount moved (updateBalances' changed list): the fetch re-reads every account's balance, which is the
 * "new data" the page speaks of, and the body names no accounts.
 *
 * No MEMBER `updated` goes with a status change: MX's Members page says only "when a member is created, updated, or
 * deleted" and whether a connection_status change counts is UNCONFIRMED (§3.3 does not say). CONNECTION_STATUS
 * already tells the statuses that need the user, so the sandbox sends MEMBER only for API creates, updates and
 * deletes rather than doubling every step.
 */
export function emissionsForStep(app: App, { member, from, step, at, finished }: StepNotice): Emission[] {
  const out: Emission[] = [];
  if (step.status !== from && NOTIFIED_STATUSES.has(step.status)) {
    out.push({ type: 'CONNECTION_STATUS', action: 'CHANGED', payload: connectionStatusPayload(member) });
  }
  if (!finished || step.status !== 'CONNECTED') return out;
  const accounts = step.verifiedAccounts ?? [];
  if (finished.kind === 'verification' && accounts.length > 0) {
    out.push({ type: 'VERIFICATION', action: 'member_data_updated', payload: verificationPayload(app, member, accounts, finished.guid, at) });
  } else if (finished.kind === 'balance') {
    out.push({ type: 'BALANCE', action: 'member_data_updated', payload: balancePayload(member, at) });
  } else {
    out.push({ type: 'AGGREGATION', action: 'member_data_updated', payload: aggregationPayload(app, member, finished.guid, at) });
  }
  if (finished.atCreate && member.apiVersion === 'v20250224') {
    out.push({ type: 'INITIAL_DATA_READY', action: 'initial_data_ready', payload: initialDataReadyPayload(app, member) });
  }
  return out;
}

export function memberEmission(app: App, action: MemberAction, member: StoredMember, callbackPayload: string | null): Emission {
  return { type: 'MEMBER', action, payload: memberPayload(app, member, action, callbackPayload) };
}

const MEMBER_ACTIONS: ReadonlySet<string> = new Set(['created', 'updated', 'deleted']);

/** A webhook fired on demand from the member as it is now (the admin route and `mx-iav trigger`). */
export function firedEmission(app: App, member: StoredMember, type: WebhookType, action: string | undefined): Emission {
  const at = app.now();
  switch (type) {
    case 'MEMBER': {
      const chosen = action ?? 'updated';
      if (!MEMBER_ACTIONS.has(chosen)) throw badRequest('A MEMBER webhook\'s action is "created", "updated" or "deleted".');
      return memberEmission(app, chosen as MemberAction, member, member.callbackPayload ?? null);
    }
    case 'CONNECTION_STATUS':
      return { type, action: 'CHANGED', payload: connectionStatusPayload(member) };
    case 'VERIFICATION':
      return { type, action: 'member_data_updated', payload: verificationPayload(app, member, verifiedAccounts(member), member.job?.guid ?? null, at) };
    case 'AGGREGATION':
      return { type, action: 'member_data_updated', payload: aggregationPayload(app, member, member.job?.guid ?? null, at) };
    case 'BALANCE':
      return { type, action: 'member_data_updated', payload: balancePayload(member, at) };
    case 'INITIAL_DATA_READY':
      return { type, action: 'initial_data_ready', payload: initialDataReadyPayload(app, member) };
    case 'MICRODEPOSITS':
      // MX ties a micro-deposit to a user, not a member, so there is no member's micro-deposit to tell of.
      throw badRequest('A MICRODEPOSITS webhook is fired for a micro-deposit: POST /_sandbox/micro_deposits/{guid}/webhooks.');
  }
}
