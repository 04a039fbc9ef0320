// What a recording (MX_IAV_SANDBOX_RECORD) must never hold: bank passwords (and logins, PINs, MFA answers: every
// `value` a client sends in `credentials` or `challenges`) and whole account numbers. The replacements keep each
// field's type, so recorded bodies still validate against MX's spec.
import { USER_TYPED_LISTS } from '../domain/secret-fields.js';

const REDACTED = '[redacted]';

function walk(value: unknown, visit: (key: string, value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, visit));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visit(key, walk(inner, visit))]));
}

const withoutValues = (list: unknown): unknown =>
  Array.isArray(list)
    ? list.map((item) => (typeof item === 'object' && item !== null && 'value' in item ? { ...item, value: REDACTED } : item))
    : list;

const lastFour = (key: string, value: unknown): unknown => (key === 'account_number' && typeof value === 'string' ? value.slice(-4) : value);

/** Credentials and challenge answers of a request body, replaced; a micro-deposit's account number cut to four digits. */
export function redactRequest(body: unknown): unknown {
  return walk(body, (key, value) => (USER_TYPED_LISTS.has(key) ? withoutValues(value) : lastFour(key, value)));
}

/** Account numbers of a response body, cut to their last four digits (as MX shows them in account lists). */
export function redactResponse(body: unknown): unknown {
  return walk(body, lastFour);
}
