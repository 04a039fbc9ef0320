import { ACCOUNT_VERIFICATION_PRODUCT } from '../../../domain/api-versions.js';
import { findInstitutionByIdentifier, PRODUCTS, type Product } from '../../bank/institutions.js';
import { badRequest } from '../reply.js';
import { type Fields, isObject, optionalBoolean, optionalString, wrapped } from '../validate.js';
import type { SandboxVersion } from '../versions.js';

/** What a widget URL was asked for: everything the page needs to decide its first view and its events. */
export interface WidgetConfig {
  /** The version the URL was requested on; the page creates members with the products that version's request named. */
  version: SandboxVersion['name'];
  verification: boolean;
  products: Product[];
  institutionCode: string | null;
  memberGuid: string | null;
  disableSearch: boolean;
  colorScheme: 'light' | 'dark' | 'browser';
  locale: string;
  /** Set when is_mobile_webview is true: events become `<scheme>://<event path>?metadata=<json>` navigations. */
  webviewScheme: string | null;
}

function products(fields: Fields, version: SandboxVersion): Product[] | null {
  // v20111101's WidgetRequest has no data_request, so there it is not read at all.
  if (version.name !== 'v20250224' || fields.data_request === undefined || fields.data_request === null) return null;
  const request = fields.data_request;
  if (!isObject(request) || !Array.isArray(request.products)) throw badRequest('"data_request" must be an object with a "products" array.');
  return request.products.map((value) => {
    if (typeof value !== 'string' || !(PRODUCTS as readonly string[]).includes(value)) {
      throw badRequest(`data_request.products takes ${PRODUCTS.join(', ')}; ${JSON.stringify(value)} is none of them.`);
    }
    return value as Product;
  });
}

function colorScheme(fields: Fields): WidgetConfig['colorScheme'] {
  const value = optionalString(fields, 'color_scheme') ?? 'light';
  if (value !== 'light' && value !== 'dark' && value !== 'browser') throw badRequest('"color_scheme" takes light, dark or browser.');
  return value;
}

/** MX documents a url scheme ("Defaults to `mx`"); anything that is not one would make a navigation to nowhere. */
function scheme(fields: Fields): string | null {
  if (optionalBoolean(fields, 'is_mobile_webview') !== true) return null;
  const value = optionalString(fields, 'ui_message_webview_url_scheme') ?? 'mx';
  if (!/^[a-z][a-z0-9+.-]*$/i.test(value)) throw badRequest('"ui_message_webview_url_scheme" must be a URL scheme, such as mx.');
  return value;
}

/** Only a language tag is kept: it becomes the page's `lang`. The page itself is in English whatever it says. */
function locale(fields: Fields): string {
  const value = optionalString(fields, 'locale') ?? 'en';
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value)) throw badRequest('"locale" must be a language tag, such as en-US.');
  return value;
}

/**
 * Reads a `widget_url` request the way its version does. Verification: `data_request.products` naming
 * account_verification (v20250224) or `mode: "verification"` (both versions' specs still have mode; MX's migration
 * guide calls it "no longer used" on v20250224, so either is honoured there).
 */
export function widgetConfig(body: unknown, version: SandboxVersion): WidgetConfig {
  const fields = wrapped(body, 'widget_url');
  const type = optionalString(fields, 'widget_type');
  if (type === undefined) throw badRequest('"widget_type" is required.');
  if (type !== 'connect_widget') throw badRequest(`The sandbox serves only the connect_widget, not ${JSON.stringify(type.slice(0, 40))}.`);
  const mode = optionalString(fields, 'mode') ?? 'aggregation';
  if (mode !== 'aggregation' && mode !== 'verification') throw badRequest('"mode" takes aggregation or verification.');
  const asked = products(fields, version);
  const verification = mode === 'verification' || (asked?.includes(ACCOUNT_VERIFICATION_PRODUCT) ?? false);
  const wanted: Product[] = asked ?? (verification ? [ACCOUNT_VERIFICATION_PRODUCT] : []);
  if (verification && !wanted.includes(ACCOUNT_VERIFICATION_PRODUCT)) wanted.unshift(ACCOUNT_VERIFICATION_PRODUCT);
  if (optionalBoolean(fields, 'include_identity') === true && !wanted.includes('identity_verification')) wanted.push('identity_verification');
  const code = optionalString(fields, 'current_institution_code') ?? optionalString(fields, 'current_institution_guid') ?? null;
  const institution = code === null ? null : findInstitutionByIdentifier(code);
  if (code !== null && !institution) throw badRequest(`There is no institution ${JSON.stringify(code.slice(0, 60))}.`);
  const memberGuid = optionalString(fields, 'current_member_guid') ?? null;
  const disableSearch = optionalBoolean(fields, 'disable_institution_search') ?? false;
  // The spec: "This option must be used with current_institution_code, current_institution_guid, or current_member_guid."
  if (disableSearch && code === null && memberGuid === null) {
    throw badRequest('"disable_institution_search" must be used with current_institution_code, current_institution_guid or current_member_guid.');
  }
  const uiVersion = fields.ui_message_version;
  if (uiVersion !== undefined && uiVersion !== null && uiVersion !== 4) throw badRequest('The sandbox sends ui_message_version 4 only ("All new implementations must use version 4").');
  return {
    version: version.name,
    verification,
    products: wanted,
    institutionCode: institution?.institution.code ?? null,
    memberGuid,
    disableSearch,
    colorScheme: colorScheme(fields),
    locale: locale(fields),
    webviewScheme: scheme(fields),
  };
}
