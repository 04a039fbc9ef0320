// MX's guids are a three-letter prefix, a dash and letters, digits and dashes (e.g. USR-11141024-90b3-…).

export const GUID_PREFIXES = { user: 'USR', member: 'MBR', account: 'ACT', microDeposit: 'MIC' } as const;
export type GuidKind = keyof typeof GUID_PREFIXES;

const GUID_BODY = /^[A-Za-z0-9-]{1,124}$/;

export function isGuid(kind: GuidKind, value: unknown): value is string {
  const prefix = `${GUID_PREFIXES[kind]}-`;
  return typeof value === 'string' && value.startsWith(prefix) && GUID_BODY.test(value.slice(prefix.length));
}

/** How a guid of this kind is described to a person who typed a wrong one. */
export const describeGuid = (kind: GuidKind): string => `${GUID_PREFIXES[kind]}- followed by letters, digits and dashes`;

/** Institution codes and partner ids (MX's `id` fields): safe as one URL path segment, never `.` or `..`. */
export function isCode(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 128 && /^[A-Za-z0-9_.-]+$/.test(value) && !/^\.+$/.test(value);
}

/** Marks the users (metadata) and partner ids that mx-iav made, so cleanup and reconciliation can find them. */
export const MX_IAV_MARKER = 'created by mx-iav';
