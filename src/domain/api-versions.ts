// The MX Platform API versions mx-iav speaks, and the headers that choose one (shared/mx-api-versions.md §1).
// Since August 12, 2026 MX requires `Accept-Version` on every call; v20250224 is MX's current version.

export const API_VERSIONS = ['v20250224', 'v20111101'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = 'v20250224';

export interface VersionHeaders {
  /** The `Accept` header sent with every request. */
  accept: string;
  /** The `Accept-Version` header sent with every request. */
  acceptVersion: string;
  /** The media type MX answers with. */
  mediaType: string;
}

export const LEGACY_MEDIA_TYPE = 'application/vnd.mx.api.v1+json';

export const VERSION_HEADERS: Record<ApiVersion, VersionHeaders> = {
  // MX's spec (v20250224.yml info.description): `-H 'Accept: application/json' -H 'Accept-Version: v20250224'`.
  v20250224: { accept: 'application/json', acceptVersion: 'v20250224', mediaType: 'application/json' },
  // UNCONFIRMED: no MX page or SDK shows the Accept-Version value for the legacy version after the cutover;
  // "v20111101" is the obvious reading of "version numbers correspond with the date". This is the one place to
  // change it once MX confirms (README, "MX API versions").
  v20111101: { accept: LEGACY_MEDIA_TYPE, acceptVersion: 'v20111101', mediaType: LEGACY_MEDIA_TYPE },
};

export function isApiVersion(value: unknown): value is ApiVersion {
  return typeof value === 'string' && (API_VERSIONS as readonly string[]).includes(value);
}

/** The version an `Accept-Version` header asks for, or null when it names none mx-iav (and its sandbox) knows. */
export function versionOfHeader(value: string | undefined): ApiVersion | null {
  const trimmed = value?.trim();
  return API_VERSIONS.find((version) => VERSION_HEADERS[version].acceptVersion === trimmed) ?? null;
}

/** The product name that asks MX for instant account verification (v20250224 `supported_products`, `data_request`). */
export const ACCOUNT_VERIFICATION_PRODUCT = 'account_verification';
