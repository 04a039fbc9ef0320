import { MICRO_DEPOSIT_STATUSES } from '../../../domain/micro-deposits.js';
import type { App } from '../../bank/app.js';
import type { MicroDepositAction, StoredMicroDeposit } from '../../bank/micro-deposits/table.js';
import type { Payload } from './payloads.js';

/**
 * MX's account types in the order its Accounts reference lists them; MX's webhook and Nexus samples give
 * CHECKING as 1, which this order matches. The other numbers follow the list and are UNCONFIRMED.
 */
const ACCOUNT_TYPE_IDS: readonly string[] = ['ANY', 'CHECKING', 'SAVINGS', 'LOAN', 'CREDIT_CARD', 'INVESTMENT', 'LINE_OF_CREDIT', 'MORTGAGE', 'PROPERTY', 'CASH', 'INSURANCE', 'PREPAID', 'CHECKING_LINE_OF_CREDIT'];

/** As MX's sample prints times here: "2021-10-22T21:44:38.000+00:00". */
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/**
 * MX's Microdeposits page (https://docs.mx.com/resources/webhooks/microdeposits): "notified when a microdeposit is
 * created or updated", body `{"action":"created","version":1,"micro_deposit":{account_number, account_type (an
 * integer), created_at, guid, institution_guid, routing_number, status (the integer code), status_name, updated_at,
 * user_guid, user_id}}`, no top-level type. `verified_at` is in the page's field table ("changed from DEPOSITED to
 * VERIFIED") but not in its created sample, so it is sent once set. The account number is whole, as in the sample
 * (the receiver is the client's own). The sandbox's micro-deposits name no institution, so institution_guid is
 * null, as in the sample. A pre-initiated micro-deposit has no account yet: its account fields are null.
 */
export function microDepositPayload(app: App, row: StoredMicroDeposit, action: MicroDepositAction): Payload {
  const typeId = row.account_type === null ? -1 : ACCOUNT_TYPE_IDS.indexOf(row.account_type);
  return {
    action,
    version: 1,
    micro_deposit: {
      account_number: row.account_number,
      account_type: typeId < 0 ? null : typeId,
      created_at: iso(row.created_at),
      guid: row.guid,
      institution_guid: null,
      routing_number: row.routing_number,
      status: MICRO_DEPOSIT_STATUSES.indexOf(row.status),
      status_name: row.status,
      updated_at: iso(row.updated_at),
      user_guid: row.user_guid,
      user_id: app.state.users[row.user_guid]?.id ?? null,
      ...(row.verified_at === null ? {} : { verified_at: iso(row.verified_at) }),
    },
  };
}
