// The JSON schemas written from MX's webhook pages (one file per webhook, the page quoted in each `$comment`), and
// which of them a body is checked against: its `type`, or for micro-deposits (whose payload has no type) its
// `micro_deposit` key.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';

const FILES = {
  MEMBER: 'member.json',
  CONNECTION_STATUS: 'connection-status.json',
  VERIFICATION: 'verification.json',
  AGGREGATION: 'aggregation.json',
  INITIAL_DATA_READY: 'initial-data-ready.json',
  BALANCE: 'balance.json',
  MICRODEPOSITS: 'microdeposits.json',
} as const;

export type WebhookKind = keyof typeof FILES;
export const WEBHOOK_KINDS = Object.keys(FILES) as WebhookKind[];

// strictRequired is off: MEMBER's anyOf names fields that its two layouts define in different places.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validators = new Map(
  WEBHOOK_KINDS.map((kind) => [kind, ajv.compile(JSON.parse(readFileSync(new URL(FILES[kind], import.meta.url), 'utf8')))]),
);

export const readSample = (kind: WebhookKind): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`samples/${FILES[kind]}`, import.meta.url), 'utf8'));

/** The webhook a body claims to be; MX's Initial Data Ready spells its type in lower case. */
export function kindOf(body: unknown): WebhookKind | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (record.type === undefined && 'micro_deposit' in record) return 'MICRODEPOSITS';
  const type = typeof record.type === 'string' ? record.type.toUpperCase() : '';
  return WEBHOOK_KINDS.find((kind) => kind === type);
}

/** Every schema error for the body, as "path message" lines; an empty list when it is a valid MX webhook. */
export function webhookErrors(body: unknown, kind = kindOf(body)): string[] {
  if (kind === undefined) return [`not an MX webhook type: ${JSON.stringify((body as { type?: unknown })?.type)}`];
  const validate = validators.get(kind)!;
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${kind} ${error.instancePath || '/'} ${error.message ?? ''}`);
}
