// What a member made in MX's Connect widget is doing, as the support person watching the CLI needs it said. In
// the widget the customer can put right what goes wrong (a wrong password, an expired sign-in): so, unlike the
// credential flow, those statuses are waits for the customer, not the end. Pure functions, read as a table.
import { IN_PROGRESS_STATUSES } from '../domain/statuses.js';
import type { MemberStatus } from '../mx/types.js';

export type WidgetStage =
  /** An OAuth member waits for the customer at the bank. */
  | 'signing-in'
  /** The bank asked a question (MFA, or which account); the customer answers it in the widget. */
  | 'challenged'
  /** The bank refused the sign-in or it lapsed; the widget offers the customer another try. */
  | 'retrying'
  | 'verifying'
  | 'connected'
  | 'ended';

// The widget answers these with a way back in (new credentials, a new sign-in, another go at the question: MX's
// REJECTED reads "The answer or answers provided were incorrect. Please try again."). Reopening the widget on such a
// member is MX's current_member_guid: "a specific member that contains an error or requires multifactor authentication".
const CUSTOMER_CAN_RETRY: ReadonlySet<string> = new Set(['DENIED', 'EXPIRED', 'IMPAIRED', 'PREVENTED', 'REJECTED']);

export function widgetStage(status: Pick<MemberStatus, 'connection_status' | 'is_being_aggregated'>): WidgetStage {
  const connection = status.connection_status;
  if (connection === 'CONNECTED') return status.is_being_aggregated ? 'verifying' : 'connected';
  if (connection === 'CHALLENGED') return 'challenged';
  if (connection === 'PENDING') return 'signing-in';
  if (status.is_being_aggregated || (connection !== null && IN_PROGRESS_STATUSES.has(connection))) return 'verifying';
  if (connection !== null && CUSTOMER_CAN_RETRY.has(connection)) return 'retrying';
  return 'ended';
}

/** Stages in which only the customer can move the member on: `resume --widget` reopens the widget on it. */
export const needsCustomer = (stage: WidgetStage): boolean => stage === 'signing-in' || stage === 'challenged' || stage === 'retrying';

/** The spinner's words for each stage. */
export function stageLabel(stage: WidgetStage, bank: string): string {
  switch (stage) {
    case 'signing-in':
      return `Waiting for the customer to sign in to ${bank}`;
    case 'challenged':
      return `The customer is answering ${bank}'s question in the widget`;
    case 'retrying':
      return `${bank} did not accept the sign-in; waiting for the customer to try again in the widget`;
    case 'verifying':
      return `Verifying the account at ${bank}`;
    case 'connected':
      return `Connected to ${bank}`;
    case 'ended':
      return `${bank} stopped`;
  }
}

/** Before any member exists: the customer has the link but has not yet chosen a bank (or signed in to the given one). */
export const waitingForCustomer = (bank: string | undefined): string =>
  bank
    ? `Waiting for the customer to open the link and sign in to ${bank}`
    : 'Waiting for the customer to open the link and choose their bank';
