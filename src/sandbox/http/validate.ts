import { isObject, type Fields } from '../bank/fields.js';
import { badRequest } from './reply.js';

export { isObject, type Fields };

/** The object under `key` of a request body (`{"user": {...}}`), or 400. */
export function wrapped(body: unknown, key: string): Fields {
  const inner = isObject(body) ? body[key] : undefined;
  if (!isObject(inner)) throw badRequest(`The request body must contain a "${key}" object.`);
  return inner;
}

export function optionalString(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`"${key}" must be a string.`);
  return value;
}

export function optionalBoolean(fields: Fields, key: string): boolean | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`"${key}" must be a boolean.`);
  return value;
}

/** Whether any of the keys is present: MX rejects bodies that would change nothing. */
export function hasAny(fields: Fields, keys: string[]): boolean {
  return keys.some((k) => fields[k] !== undefined);
}

/** `true`/`false` query flags; anything else is ignored. */
export function queryFlag(query: URLSearchParams, key: string): boolean | undefined {
  const raw = query.get(key);
  return raw === 'true' ? true : raw === 'false' ? false : undefined;
}
