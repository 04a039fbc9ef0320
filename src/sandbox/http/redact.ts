// What a recording (MX_IAV_SANDBOX_RECORD) must never hold: bank passwords (and logins, PINs, MFA answers: every
// `value` a client sends in `credentials` or `challenges`) and whole account numbers. The replacements keep each
// field's type, so recorded bodies still validate against MX's spec.
import { USER_TYPED_LISTS } from '../../domain/secret-fields.js';

const REDACTED = '[redacted]';

// MX's bodies are a few levels deep. A client may send any depth (JSON.parse takes 100,000 nested arrays), and walking
// or serialising that overflows the stack, so what lies deeper than this is recorded as this marker instead.
const MAX_DEPTH = 32;
const TOO_DEEP = '[nested too deeply to record]';

function walk(value: unknown, visit: (key: string, value: unknown) => unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => walk(item, visit, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visit(key, walk(inner, visit, depth + 1))]));
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
