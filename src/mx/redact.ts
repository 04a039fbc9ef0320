// Masks what end users type (credential and challenge answers) and full account numbers before a body is
// written to --debug output. Bodies are copied, never modified in place.
import { maskAccountNumber } from '../domain/masking.js';
import { USER_TYPED_LISTS } from '../domain/secret-fields.js';

const SECRET_KEYS = new Set(['password', 'api_key', 'apikey', 'authorization', 'token', 'access_token', 'refresh_token']);

export function redactBody(body: unknown): unknown {
  return redact(body, false);
}

function redact(value: unknown, insideSecretArray: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, insideSecretArray));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (insideSecretArray && key === 'value') copy[key] = '***';
    else if (SECRET_KEYS.has(lower) && child !== null) copy[key] = '***';
    else if (key === 'account_number' && typeof child === 'string') copy[key] = maskAccountNumber(child);
    else copy[key] = redact(child, insideSecretArray || (USER_TYPED_LISTS.has(key) && Array.isArray(child)));
  }
  return copy;
}

/**
 * A body for a debug line: JSON with secrets masked; text that is not JSON is shown by length only. `secrets` are
 * searched in the parsed strings, where a password holding a quote or a backslash reads as typed (JSON escapes it).
 */
export function describeBody(raw: string | undefined, secrets: readonly string[] = []): string {
  if (raw === undefined || raw.length === 0) return '-';
  try {
    return JSON.stringify(scrubStrings(redactBody(JSON.parse(raw)), secrets));
  } catch {
    return `<${raw.length} bytes, not JSON>`;
  }
}

function scrubStrings(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrubValue(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, secrets));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, scrubStrings(child, secrets)]));
}

/**
 * One string MX sent (an error message, a field): every secret is masked, a short one (under 4 characters) too,
 * but only where it stands alone, so that a PIN "12" masks "PIN 12 is wrong" yet leaves "120 seconds" readable.
 */
export function scrubValue(text: string, secrets: readonly string[]): string {
  let out = scrub(text, secrets);
  for (const secret of secrets) {
    if (secret.length === 0 || secret.length >= 4) continue;
    if (out === secret) return '***';
    const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'), '***');
  }
  return out;
}

/** The strings a body carries as answers (credential and challenge values), to scrub wherever else they might surface. */
export function secretValues(body: unknown, inside = false, found: string[] = []): string[] {
  if (Array.isArray(body)) for (const item of body) secretValues(item, inside, found);
  else if (body !== null && typeof body === 'object') {
    for (const [key, child] of Object.entries(body)) {
      if (inside && key === 'value' && typeof child === 'string') found.push(child);
      else secretValues(child, inside || (USER_TYPED_LISTS.has(key) && Array.isArray(child)), found);
    }
  }
  return found;
}

/**
 * Replaces each secret inside free text (MX's error message, a debug line) in case a server echoes it back. Values
 * shorter than 4 characters are left alone: scrubbing "1" would mangle every number in the line.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    // Also as JSON writes it (a `"` becomes `\"`), for a line that quotes a body as text.
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) out = out.split(form).join('***');
  }
  return out;
}
