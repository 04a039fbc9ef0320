// Everything the client and the flow do differently per MX API version, in one table (shared/mx-api-versions.md §3).
// The flow never asks which version it speaks: it asks this table (through the client) what to send and what an
// answer means. The headers themselves live in domain/api-versions.ts, shared with the sandbox.
import { ACCOUNT_VERIFICATION_PRODUCT, VERSION_HEADERS, type ApiVersion } from '../domain/api-versions.js';
import type { ExtraProduct } from './payment-types.js';
import type { Institution, Member, MemberCreate, MemberCreateOptions, MemberUpdate, WidgetUrlRequest } from './types.js';

/** What a member's create did about its verification. */
export type CreateVerification =
  /** MX began verifying it (the create carried the request): sending verify now would collide (409). */
  | 'started'
  /** Nothing verifies it yet: the caller sends verify. */
  | 'not-started'
  /** MX created the member but says the verification it was asked for failed to start (v20250224's 201). */
  | 'product-failed';

/** A member created for verification, and whether its create already started that verification. */
export interface MemberCreated {
  member: Member;
  verification: CreateVerification;
}

export interface VersionRules {
  version: ApiVersion;
  /** Sent on every request (besides Authorization, User-Agent and a body's Content-Type). */
  headers: { accept: string; 'accept-version': string };
  /** The media type of this version's JSON answers (without parameters such as `charset`). */
  mediaType: string;
  /** The institution search filter that keeps to institutions offering instant account verification. */
  verificationFilter: Record<string, boolean | readonly string[]>;
  /** Whether an institution may get a new member for verification: false only when MX says it may not. */
  offersVerification(institution: Institution): boolean;
  /**
   * The create-member body; `verify` asks for a member whose job is verification, `also` for products after it
   * (owner identification) where the version's create can carry them; elsewhere the caller runs them itself.
   */
  createMemberBody(member: MemberCreate, options: MemberCreateOptions, verify: boolean, also?: ExtraProduct[]): Record<string, unknown>;
  /** Whether a create for verification starts it (then a new member gets no POST .../verify; re-verifying does). */
  createStartsVerification: boolean;
  /** What the create's answer means for the verification (only meaningful when `verify` was asked). */
  createOutcome(status: number, member: Member): CreateVerification;
  /** The update-member body, with only the fields this version's spec declares. */
  updateMemberBody(update: MemberUpdate): Record<string, unknown>;
  /** The widget URL body for a Connect widget in verification mode, with only the fields this version's spec declares. */
  widgetUrlBody(request: WidgetUrlRequest): { widget_url: Record<string, unknown> };
}

/**
 * The fields both specs' WidgetRequest declare. `disable_institution_search` "must be used with
 * current_institution_code, current_institution_guid, or current_member_guid": set with either, so the customer stays
 * on the bank or member the CLI follows. `current_member_guid` "takes precedence over current_institution_code".
 */
const commonWidgetFields = (request: WidgetUrlRequest): Record<string, unknown> => ({
  widget_type: 'connect_widget',
  // "All new implementations must use version 4."
  ui_message_version: 4,
  ...(request.memberGuid ? { current_member_guid: request.memberGuid } : {}),
  ...(request.institutionCode && !request.memberGuid ? { current_institution_code: request.institutionCode } : {}),
  ...(request.memberGuid || request.institutionCode ? { disable_institution_search: true } : {}),
  ...(request.colorScheme ? { color_scheme: request.colorScheme } : {}),
});

// skip_aggregation is v20111101's alone (v20250224 removed it from create and update): never sent on another version.
// "Account Owner Identification" in v20250224's SupportedProducts.
const IDENTITY_VERIFICATION_PRODUCT = 'identity_verification';

const withoutSkip = <T extends { skip_aggregation?: boolean }>({ skip_aggregation: _skip, ...rest }: T) => rest;

const LEGACY: VersionRules = {
  version: 'v20111101',
  headers: { accept: VERSION_HEADERS.v20111101.accept, 'accept-version': VERSION_HEADERS.v20111101.acceptVersion },
  mediaType: VERSION_HEADERS.v20111101.mediaType,
  verificationFilter: { supports_account_verification: true },
  offersVerification: (institution) => institution.supports_account_verification !== false,
  // A create starts an aggregation unless skip_aggregation; verification is then asked for by POST .../verify.
  createMemberBody: (member, options, verify) => ({ member: verify ? { ...member, skip_aggregation: true } : member, ...options }),
  createStartsVerification: false,
  createOutcome: () => 'not-started',
  updateMemberBody: (update) => ({ member: update }),
  // v20111101's WidgetRequest has no data_request and no locale: `mode` picks verification, `include_identity` the
  // owner, and the language goes only in Accept-Language (the client sends it on both versions).
  widgetUrlBody: (request) => ({
    widget_url: { ...commonWidgetFields(request), mode: 'verification', ...(request.owner ? { include_identity: true } : {}) },
  }),
};

const CURRENT: VersionRules = {
  version: 'v20250224',
  headers: { accept: VERSION_HEADERS.v20250224.accept, 'accept-version': VERSION_HEADERS.v20250224.acceptVersion },
  mediaType: VERSION_HEADERS.v20250224.mediaType,
  // A repeated key without brackets, as OpenAPI's form/explode default and MX's Node SDK 3.x send an array.
  verificationFilter: { supported_products: [ACCOUNT_VERIFICATION_PRODUCT] },
  // `is_hidden`: "If the institution is available for creating new member connections, this field will be false".
  offersVerification: (institution) =>
    institution.is_hidden !== true &&
    (!Array.isArray(institution.supported_products) || institution.supported_products.includes(ACCOUNT_VERIFICATION_PRODUCT)),
  // skip_aggregation is gone; data_request names the one product to run once the connection succeeds.
  // MX: "The AOI runs after the primary process is complete" when identity_verification rides along.
  createMemberBody: (member, options, verify, also = []) => ({
    member: withoutSkip(member),
    ...options,
    ...(verify ? { data_request: { products: [ACCOUNT_VERIFICATION_PRODUCT, ...also] } } : {}),
  }),
  createStartsVerification: true,
  // CM25: "200 - Member created, no aggregation job initiated. 201 - Member created, but one or more products in
  // data_request failed. 202 - Member created, aggregation requested." A 200 whose member is already aggregating
  // counts as started too, so that a second job is never requested on top of a running one. So does an OAuth
  // member's 200: data_request holds "the products you want to aggregate upon a successful connection", so MX
  // verifies it once the bank says yes, and a verify of ours then would collide with that job (409).
  createOutcome: (status, member) =>
    status === 201
      ? 'product-failed'
      : status === 202 || member.is_being_aggregated === true || member.is_oauth === true
        ? 'started'
        : 'not-started',
  updateMemberBody: (update) => ({ member: withoutSkip(update) }),
  // MIG: `mode` is "no longer used" in v20250224 (its spec still lists it): data_request names the products, as a
  // create's does. `include_identity`: "You should use data_request.products instead". `locale` is in this spec's
  // body, though its text says the Connect widget reads Accept-Language, which the client sends as well.
  widgetUrlBody: (request) => ({
    widget_url: {
      ...commonWidgetFields(request),
      data_request: { products: [ACCOUNT_VERIFICATION_PRODUCT, ...(request.owner ? [IDENTITY_VERIFICATION_PRODUCT] : [])] },
      ...(request.locale ? { locale: request.locale } : {}),
    },
  }),
};

const RULES: Record<ApiVersion, VersionRules> = { v20111101: LEGACY, v20250224: CURRENT };

export const rulesFor = (version: ApiVersion): VersionRules => RULES[version];

/** One line for --debug and doctor: the version and the headers that ask for it (never Authorization). */
export const describeHeaders = (rules: VersionRules): string =>
  `api ${rules.version}: Accept: ${rules.headers.accept}, Accept-Version: ${rules.headers['accept-version']}`;
