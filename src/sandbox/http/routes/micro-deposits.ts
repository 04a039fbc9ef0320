// POST/GET /users/{user_guid}/micro_deposits, GET/DELETE …/{guid}, PUT /micro_deposits/{guid}/verify and
// GET /users/{user_guid}/account_verifications, the same on both versions (their specs name the segment user_guid).
import { MICRO_DEPOSIT_ACCOUNT_TYPES } from '../../../domain/micro-deposits.js';
import type { App } from '../../bank/app.js';
import { listBody } from '../pagination.js';
import { badRequest, notFound } from '../reply.js';
import type { Routes } from '../router.js';
import { type Fields, optionalString, wrapped } from '../validate.js';
import { createOutcome, validationProblem, verifyOutcome } from '../../bank/micro-deposits/rules.js';
import type { StoredMicroDeposit } from '../../bank/micro-deposits/table.js';

// MicrodepositElements.account_type's enum (v20250224); v20111101 leaves it a free string, and takes the same.
const ACCOUNT_TYPES = new Set(['ANY', 'CASH', ...MICRO_DEPOSIT_ACCOUNT_TYPES, 'CHECKING_LINE_OF_CREDIT', 'CREDIT_CARD', 'LOAN', 'LINE_OF_CREDIT', 'INVESTMENT', 'MORTGAGE', 'INSURANCE', 'PREPAID', 'PROPERTY']);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00'));
const defined = (entries: Record<string, unknown>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== null && v !== undefined));

/** MicrodepositResponse: what a list entry carries (its schema declares nothing else). */
const presentListed = (row: StoredMicroDeposit) => ({
  error_message: row.error_message,
  guid: row.guid,
  status: row.status,
  updated_at: iso(row.updated_at),
  verified_at: iso(row.verified_at),
});

/** MicrodepositElements + MicrodepositResponse; fields the request left out are left out (the spec has no null for them). */
const present = (row: StoredMicroDeposit) => ({
  ...presentListed(row),
  ...defined({
    account_name: row.account_name,
    account_number: row.account_number,
    account_type: row.account_type,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    routing_number: row.routing_number,
  }),
});

/** MX's sample answers one object under `micro_deposit`, not the array the spec types (line 9828). */
const one = (row: StoredMicroDeposit) => ({ status: 200, body: { micro_deposit: present(row) } });

function owned(app: App, userGuid: string, guid: string): StoredMicroDeposit {
  app.user(userGuid);
  const row = app.microDeposits.get(guid, app.now());
  if (!row || row.user_guid !== userGuid) throw notFound();
  return row;
}

function create(app: App, userGuid: string, fields: Fields): StoredMicroDeposit {
  const text = (key: string) => optionalString(fields, key)?.trim() || null;
  const now = app.now();
  const row: StoredMicroDeposit = {
    guid: app.random.guid('MIC'), user_guid: userGuid, status: 'INITIATED', error_message: null,
    account_number: text('account_number'), account_type: text('account_type'), account_name: text('account_name'),
    routing_number: text('routing_number'), email: text('email'), first_name: text('first_name'), last_name: text('last_name'),
    created_at: now, updated_at: now, verified_at: null, failed_attempts: 0,
  };
  const accountFields = [row.account_number, row.routing_number, row.account_type];
  if (accountFields.every((value) => value === null) && row.email && row.first_name && row.last_name) {
    return { ...row, status: 'PREINITIATED' };
  }
  if (accountFields.some((value) => value === null)) throw badRequest('A micro_deposit needs account_number, account_type and routing_number (or only email, first_name and last_name to pre-initiate).');
  if (!ACCOUNT_TYPES.has(row.account_type ?? '')) throw badRequest(`"account_type" must be one of ${[...ACCOUNT_TYPES].join(', ')}.`);
  const held = app.microDeposits.holder(row.account_number ?? '', row.routing_number ?? '') !== undefined;
  const outcome = createOutcome(validationProblem(row), held, row.email ? app.microDeposits.accountsOfEmail(row.email) : 0);
  return { ...row, ...outcome };
}

function amountsOf(body: unknown): [number, number] {
  const fields = wrapped(body, 'micro_deposit');
  const amounts = [fields.deposit_amount_1, fields.deposit_amount_2];
  if (!amounts.every((amount) => typeof amount === 'number' && Number.isFinite(amount))) {
    throw badRequest('"deposit_amount_1" and "deposit_amount_2" must be numbers.');
  }
  return amounts as [number, number];
}

export const microDepositRoutes: Routes = {
  '/users/:user_guid/micro_deposits': {
    POST: ({ app, params, body }) => {
      const userGuid = app.user(params.user_guid ?? '').guid;
      const row = create(app, userGuid, wrapped(body, 'micro_deposit'));
      app.microDeposits.add(row);
      return one(row);
    },
    GET: ({ app, params, query }) => {
      const userGuid = app.user(params.user_guid ?? '').guid;
      const rows = app.microDeposits.ofUser(userGuid, app.now()).sort((a, b) => a.created_at - b.created_at);
      return { status: 200, body: listBody('micro_deposits', rows.map(presentListed), query, 1000) };
    },
  },
  '/users/:user_guid/micro_deposits/:micro_deposit_guid': {
    GET: ({ app, params }) => one(owned(app, params.user_guid ?? '', params.micro_deposit_guid ?? '')),
    DELETE: ({ app, params }) => {
      app.microDeposits.delete(owned(app, params.user_guid ?? '', params.micro_deposit_guid ?? '').guid);
      return { status: 204 };
    },
  },
  '/micro_deposits/:micro_deposit_guid/verify': {
    PUT: ({ app, params, body }) => {
      const row = app.microDeposits.get(params.micro_deposit_guid ?? '', app.now());
      if (!row) throw notFound();
      const amounts = amountsOf(body);
      if (row.status !== 'DEPOSITED' && row.status !== 'DENIED') {
        throw badRequest(`The micro-deposit is ${row.status}; its amounts can be verified once it is DEPOSITED.`);
      }
      const outcome = verifyOutcome(row, amounts);
      const now = app.now();
      app.microDeposits.update(row, { ...outcome, updated_at: now, ...(outcome.status === 'VERIFIED' && { verified_at: now }) });
      return one(row);
    },
  },
  // The spec answers MicrodepositResponseBody here too; as "a list of the account verifications", its array form.
  '/users/:user_guid/account_verifications': {
    GET: ({ app, params }) => {
      const userGuid = app.user(params.user_guid ?? '').guid;
      return { status: 200, body: { micro_deposit: app.microDeposits.ofUser(userGuid, app.now()).map(present) } };
    },
  },
};
