import type { Institution, InstitutionCredential } from '../../mx/types.js';
import { stableGuid } from './random.js';

/** MX Bank's credential fields exactly as MX's IAV guide and Atrium's sandbox show them. */
const MXBANK_CREDENTIALS: InstitutionCredential[] = [
  { guid: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1', field_name: 'LOGIN', field_type: 'LOGIN', label: 'Username', type: 'LOGIN', display_order: 1 },
  { guid: 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d', field_name: 'PASSWORD', field_type: 'PASSWORD', label: 'Password', type: 'PASSWORD', display_order: 2 },
];

type Field = 'LOGIN' | 'PASSWORD' | 'PIN';

/** v20250224's SupportedProducts: what an institution can aggregate and what `data_request.products` may ask for. */
export const PRODUCTS = ['account_verification', 'identity_verification', 'transactions', 'transaction_history', 'statements', 'investments', 'rewards'] as const;
export type Product = (typeof PRODUCTS)[number];

interface CatalogEntry {
  code: string;
  name: string;
  fields: Field[];
  products: Product[];
  oauth?: boolean;
  /** v20250224 `is_hidden`: listed, but "not available for creating new member connections". */
  hidden?: boolean;
  site?: string;
}

const LOGIN_PASSWORD: Field[] = ['LOGIN', 'PASSWORD'];
const BANK: Product[] = ['account_verification', 'identity_verification', 'transactions', 'transaction_history'];
const BROKERAGE: Product[] = ['identity_verification', 'transactions', 'transaction_history', 'investments'];

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
  { code: 'mxbank', name: 'MX Bank', fields: LOGIN_PASSWORD, products: BANK, site: 'https://www.mxbank.com' },
  { code: 'mx_bank_oauth', name: 'MX Bank (OAuth)', fields: [], products: BANK, oauth: true, site: 'https://www.mxbank.com' },
  // MX now recommends MXCU (OAuth) for OAuth tests (shared/mx-api-versions.md §5); it behaves as mx_bank_oauth here.
  { code: 'mxcu_oauth', name: 'MXCU (OAuth)', fields: [], products: BANK, oauth: true, site: 'https://mxcu.mx.com' },
  { code: 'evergreen_fcu', name: 'Evergreen Federal Credit Union', fields: ['LOGIN', 'PASSWORD', 'PIN'], products: BANK },
  { code: 'harborview_brokerage', name: 'Harborview Investment Brokerage', fields: LOGIN_PASSWORD, products: BROKERAGE },
  { code: 'old_mill_savings', name: 'Old Mill Savings (retired)', fields: LOGIN_PASSWORD, products: BANK, hidden: true },
  ...FICTIONAL.map((name) => ({ code: slug(name), name, fields: LOGIN_PASSWORD, products: BANK })),
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

/** The v20111101 shape; its supports_* flags are read off the products, so the two versions never disagree. */
function toInstitution(entry: CatalogEntry): Institution {
  const site = entry.site ?? `https://www.${entry.code.replace(/_/g, '')}.example`;
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
    supports_account_identification: entry.products.includes('identity_verification'),
    supports_account_statement: entry.products.includes('statements'),
    supports_account_verification: entry.products.includes('account_verification'),
    supports_oauth: entry.oauth ?? false,
    supports_tax_document: false,
    supports_transaction_history: entry.products.includes('transaction_history'),
  };
}

export interface CatalogInstitution {
  /** The v20111101 shape; versions.ts derives the v20250224 one. */
  institution: Institution;
  credentials: InstitutionCredential[];
  guid: string;
  products: Product[];
  hidden: boolean;
}

export function institutionGuid(code: string): string {
  return stableGuid('INS', code);
}

const BY_CODE = new Map<string, CatalogInstitution>(
  CATALOG.map((e) => [
    e.code,
    { institution: toInstitution(e), credentials: credentialsOf(e), guid: institutionGuid(e.code), products: e.products, hidden: e.hidden ?? false },
  ]),
);

export function findInstitution(code: string): CatalogInstitution | undefined {
  return BY_CODE.get(code);
}

/** An institution by code, or (v20250224's `{institution_identifier}`) by guid as well. */
export function findInstitutionByIdentifier(identifier: string): CatalogInstitution | undefined {
  return BY_CODE.get(identifier) ?? [...BY_CODE.values()].find((c) => c.guid === identifier);
}

export function supports(inst: CatalogInstitution | undefined, product: Product): boolean {
  return inst?.products.includes(product) ?? false;
}

export interface InstitutionFilter {
  name?: string;
  /** The version's own filters (supports_* flags or supported_products) and whether hidden ones are listed. */
  keep: (inst: CatalogInstitution) => boolean;
}

/**
 * MX documents `name` only as "institutions in which the appended string appears" with the example `mxbank`,
 * which is a code, not a name. So the search is case-insensitive and matches the name, the name without
 * spaces/punctuation, or the code; names starting with the query come first, then alphabetical.
 */
export function searchInstitutions(filter: InstitutionFilter): CatalogInstitution[] {
  const q = filter.name?.trim().toLowerCase() ?? '';
  const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const hits = [...BY_CODE.values()].filter((entry) => {
    const name = entry.institution.name ?? '';
    const code = entry.institution.code ?? '';
    const text = q === '' || name.toLowerCase().includes(q) || code.includes(q) || (squash(q) !== '' && squash(name).includes(squash(q)));
    return text && filter.keep(entry);
  });
  const nameOf = (entry: CatalogInstitution): string => entry.institution.name ?? '';
  const rank = (entry: CatalogInstitution): number => (nameOf(entry).toLowerCase().startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => rank(a) - rank(b) || nameOf(a).localeCompare(nameOf(b)));
}
