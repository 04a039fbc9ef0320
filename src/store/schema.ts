import { API_VERSIONS } from '../domain/api-versions.js';

// The JSON schema conf validates every profile file against, so a hand-edited file is caught before its values
// reach a URL path or a request.
import { FLOW_STEPS } from '../flow/ports.js';

const guid = (prefix: string) => ({ type: 'string', pattern: `^${prefix}-[A-Za-z0-9-]{1,80}$` });

// Partner ids travel in request bodies and query strings, never in a path; `create-user --id` may choose any.
const partnerId = { type: 'string', minLength: 1, maxLength: 200 };

const statusEvent = {
  type: 'object',
  properties: { at: { type: 'string' }, status: { type: ['string', 'null'], maxLength: 40 } },
  required: ['at', 'status'],
  additionalProperties: false,
};

export const flowStateSchema = {
  type: 'object',
  properties: {
    user_guid: guid('USR'),
    member_guid: guid('MBR'),
    pending_user_id: partnerId,
    pending_member_id: partnerId,
    institution_code: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' },
    micro_deposit_guid: guid('MIC'),
    pending_micro_deposit_known: { type: 'array', items: guid('MIC'), maxItems: 1000 },
    micro_deposit_attempts: { type: 'integer', minimum: 0, maximum: 3 },
    step: { enum: [...FLOW_STEPS] },
    history: { type: 'array', items: statusEvent, maxItems: 200 },
    last_error: { type: 'string', maxLength: 500 },
    payment_checks: { type: 'array', items: { enum: ['owner', 'balance'] }, maxItems: 2, uniqueItems: true },
  },
  additionalProperties: false,
};

export const ENVIRONMENTS = ['sandbox', 'development', 'production'] as const;

/** How many created users a profile remembers per environment for `cleanup`; the oldest are dropped first. */
export const CREATED_USERS_LIMIT = 1000;

// No `default`s: conf writes the defaults into the file when it opens one without them, which would make every
// read-only command a writer (and race with the process holding the profile's lock).
export const profileSchema = {
  settings: {
    type: 'object',
    properties: {
      client_id: { type: 'string', minLength: 1, maxLength: 200 },
      api_key: { type: 'string', minLength: 1, maxLength: 500 },
      // Where the saved key may be sent: the environment and base URL it was saved for (`config set api-key`).
      api_key_for: {
        type: 'object',
        properties: { environment: { enum: [...ENVIRONMENTS] }, base_url: { type: ['string', 'null'], maxLength: 500 } },
        required: ['environment', 'base_url'],
        additionalProperties: false,
      },
      environment: { enum: [...ENVIRONMENTS] },
      base_url: { type: 'string', maxLength: 500 },
      api_version: { enum: [...API_VERSIONS] },
      production_confirmed: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  environments: {
    type: 'object',
    additionalProperties: flowStateSchema,
  },
  // The users this profile created, per environment key: what `cleanup` deletes unless told --all.
  created_users: {
    type: 'object',
    additionalProperties: { type: 'array', items: guid('USR'), maxItems: CREATED_USERS_LIMIT },
  },
} as const;
