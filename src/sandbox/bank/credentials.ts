import { createHash } from 'node:crypto';
import type { InstitutionCredential } from '../../mx/types.js';
import type { CatalogInstitution } from './institutions.js';
import { isObject } from './fields.js';
import { badRequest } from './refusals.js';

export interface SubmittedCredentials {
  /** guid → value, in the order given. */
  values: Map<string, string>;
  login?: string;
  password?: string;
}

/**
 * Checks `credentials` against the institution's fields: every guid must be one of its fields and appear once
 * with a non-empty value; when `complete`, every field must be there (create). An update may send a subset.
 */
export function checkCredentials(inst: CatalogInstitution, given: unknown, complete: boolean): SubmittedCredentials {
  if (!Array.isArray(given)) throw badRequest('"credentials" must be an array.');
  const byGuid = new Map<string, InstitutionCredential>(inst.credentials.map((c) => [c.guid ?? '', c]));
  const values = new Map<string, string>();
  for (const item of given) {
    const guid = isObject(item) ? item.guid : undefined;
    const value = isObject(item) ? item.value : undefined;
    if (typeof guid !== 'string' || typeof value !== 'string') {
      throw badRequest('Each credential needs a "guid" and a "value" string.');
    }
    if (!byGuid.has(guid)) throw badRequest(`Credential ${guid} is not a credential of institution ${inst.institution.code}.`);
    if (values.has(guid)) throw badRequest(`Credential ${guid} was given more than once.`);
    if (value.trim() === '') throw badRequest(`Credential ${byGuid.get(guid)?.label ?? guid} must not be blank.`);
    values.set(guid, value);
  }
  if (complete) {
    const missing = inst.credentials.filter((c) => !values.has(c.guid ?? ''));
    if (missing.length > 0) throw badRequest(`Missing credentials: ${missing.map((c) => c.label).join(', ')}.`);
  }
  const valueOf = (fieldName: string): string | undefined => {
    const field = inst.credentials.find((c) => c.field_name === fieldName);
    return field?.guid ? values.get(field.guid) : undefined;
  };
  return { values, login: valueOf('LOGIN'), password: valueOf('PASSWORD') };
}

/** Hashes per field: a duplicate member can be recognised without keeping anyone's secrets. */
export function hashCredentials(values: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [guid, value] of values) out[guid] = createHash('sha256').update(`${guid}\0${value}`).digest('hex');
  return out;
}

export function sameCredentials(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length > 0 && keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
