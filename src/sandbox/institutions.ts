import type { Institution, InstitutionCredential } from '../mx/types.js';
import { stableGuid } from './random.js';

/** MX Bank's credential fields exactly as MX's IAV guide and Atrium's sandbox show them. */
const MXBANK_CREDENTIALS: InstitutionCredential[] = [
  { guid: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1', field_name: 'LOGIN', field_type: 'LOGIN', label: 'Username', type: 'LOGIN', display_order: 1 },
  { guid: 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d', field_name: 'PASSWORD', field_type: 'PASSWORD', label: 'Password', type: 'PASSWORD', display_order: 2 },
];

type Field = 'LOGIN' | 'PASSWORD' | 'PIN';

interface CatalogEntry {
  code: string;
  name: string;
  fields: Field[];
  verification: boolean;
  oauth?: boolean;
}

const LOGIN_PASSWORD: Field[] = ['LOGIN', 'PASSWORD'];

/** Fictional banks (reserved `.example` domains) so name search and pagination have something to chew on. */
const FICTIONAL = [
  'Acorn Community Bank', 'Bayside Savings Bank', 'Blue Ridge Hollow Credit Union', 'Cedar Valley Bank',
  'Copper State Credit Union', 'Desert Sun Federal Credit Union', 'Eastgate National Bank', 'Fairhaven Bank & Trust',
  'First Lantern Bank', 'Golden Prairie Credit Union', 'Granite Peak Bank', 'Harbor Light Credit Union',
  'Heartland Farmers Bank', 'Ironwood Savings', 'Juniper Federal Credit Union', 'Keystone Mutual Bank',
  'Lakeshore Teachers Credit Union', 'Lantern Square Bank', 'Maple Leaf Savings Bank', 'Northwind Bank',
  'Oak Harbor Credit Union', 'Pinecone Credit Union', 'Prairie Wind Bank', 'Quarry Hill Savings',
  'Riverbend National Bank', 'Sagebrush Community Credit Union', 'Silver Lake Bank', 'Summit Ridge Credit Union',
  'Tidewater Federal Savings', 'Union Station Bank', 'Westfield Trust Bank', 'Willow Creek Bank',
  'Yellowstone Valley Credit Union', 'Zenith Digital Bank',
];

const CATALOG: CatalogEntry[] = [
  { code: 'mxbank', name: 'MX Bank', fields: LOGIN_PASSWORD, verification: true },
  { code: 'mx_bank_oauth', name: 'MX Bank (OAuth)', fields: [], verification: true, oauth: true },
  { code: 'evergreen_fcu', name: 'Evergreen Federal Credit Union', fields: ['LOGIN', 'PASSWORD', 'PIN'], verification: true },
  { code: 'harborview_brokerage', name: 'Harborview Investment Brokerage', fields: LOGIN_PASSWORD, verification: false },
  ...FICTIONAL.map((name) => ({ code: slug(name), name, fields: LOGIN_PASSWORD, verification: true })),
];

function slug(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

function credentialsOf(entry: CatalogEntry): InstitutionCredential[] {
  if (entry.code === 'mxbank') return MXBANK_CREDENTIALS;
  return entry.fields.map((field, i) => ({
    guid: stableGuid('CRD', `${entry.code}:${field}`),
    field_name: field,
    // A PIN is as secret as a password, so it carries the PASSWORD type that clients mask.
    field_type: field === 'LOGIN' ? 'LOGIN' : 'PASSWORD',
    label: field === 'LOGIN' ? 'Username' : field === 'PASSWORD' ? 'Password' : 'PIN',
    type: field === 'LOGIN' ? 'LOGIN' : 'PASSWORD',
    display_order: i + 1,
  }));
}

function toInstitution(entry: CatalogEntry): Institution {
  const site = entry.code === 'mxbank' || entry.code === 'mx_bank_oauth' ? 'https://www.mxbank.com' : `https://www.${entry.code.replace(/_/g, '')}.example`;
  const logo = (size: number): string =>
    `https://content.moneydesktop.com/storage/MD_Assets/Ipad%20Logos/${size}x${size}/${institutionGuid(entry.code)}_${size}x${size}.png`;
  return {
    code: entry.code,
    name: entry.name,
    url: site,
    iso_country_code: 'US',
    forgot_password_url: `${site}/forgot-password`,
    forgot_username_url: `${site}/forgot-username`,
    trouble_signing_in_url: `${site}/login-help`,
    instructional_text: entry.oauth ? `You will be sent to ${entry.name} to sign in.` : null,
    instructional_text_steps: entry.oauth ? ['Sign in at your bank.', 'Approve access for mx-iav.'] : [],
    is_disabled_by_client: false,
    medium_logo_url: logo(100),
    small_logo_url: logo(50),
    supports_account_identification: true,
    supports_account_statement: false,
    supports_account_verification: entry.verification,
    supports_oauth: entry.oauth ?? false,
    supports_tax_document: false,
    supports_transaction_history: true,
  };
}

export interface CatalogInstitution {
  institution: Institution;
  credentials: InstitutionCredential[];
  guid: string;
}

export function institutionGuid(code: string): string {
  return stableGuid('INS', code);
}

const BY_CODE = new Map<string, CatalogInstitution>(
  CATALOG.map((e) => [e.code, { institution: toInstitution(e), credentials: credentialsOf(e), guid: institutionGuid(e.code) }]),
);

export function findInstitution(code: string): CatalogInstitution | undefined {
  return BY_CODE.get(code);
}

export interface InstitutionFilter {
  name?: string;
  flags: Partial<Record<keyof Institution, boolean>>;
}

/**
 * MX documents `name` only as "institutions in which the appended string appears" with the example `mxbank`,
 * which is a code, not a name. So the search is case-insensitive and matches the name, the name without
 * spaces/punctuation, or the code; names starting with the query come first, then alphabetical.
 */
export function searchInstitutions(filter: InstitutionFilter): Institution[] {
  const q = filter.name?.trim().toLowerCase() ?? '';
  const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const all = [...BY_CODE.values()].map((c) => c.institution);
  const hits = all.filter((inst) => {
    const name = inst.name ?? '';
    const text = q === '' || name.toLowerCase().includes(q) || (inst.code ?? '').includes(q) || (squash(q) !== '' && squash(name).includes(squash(q)));
    return text && Object.entries(filter.flags).every(([k, v]) => inst[k as keyof Institution] === v);
  });
  const rank = (inst: Institution): number => ((inst.name ?? '').toLowerCase().startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => rank(a) - rank(b) || (a.name ?? '').localeCompare(b.name ?? ''));
}
