import type { InstitutionCredential } from '../mx/types.js';
import { sanitize } from './sanitize.js';

// MX types secret fields inconsistently (field_type PASSWORD, type "PASSWORD", or only a field_name such as
// "PIN" or "SECURITY_ANSWER"), so look at all three and treat anything that looks secret as secret.
const SECRET = /PASSWORD|PIN|TOKEN|SECRET|ANSWER/i;

export function isSecretField(field: InstitutionCredential): boolean {
  return [field.type, field.field_type, field.field_name].some((text) => text !== null && SECRET.test(text));
}

/** The upper-case key used by `--credential KEY=...` and `MX_IAV_CREDENTIAL_KEY` ("LOGIN", "PASSWORD"). */
export function credentialKey(field: InstitutionCredential): string {
  const name = field.field_name ?? field.field_type ?? field.label ?? 'VALUE';
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'VALUE';
}

/** What the user sees for a field: the label MX gives, else its field name. */
export function credentialLabel(field: InstitutionCredential): string {
  return sanitize(field.label ?? field.field_name ?? field.field_type) || 'Value';
}
