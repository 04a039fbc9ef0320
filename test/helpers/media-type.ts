import type { IncomingHttpHeaders } from 'node:http';
import { VERSION_HEADERS, versionOfHeader } from '../../src/domain/api-versions.js';

const LEGACY_TYPE = 'application/vnd.mx.api.v1+json; charset=utf-8';

/**
 * The Content-Type MX answers a request with: its Accept-Version's media type (application/json for v20250224), the
 * legacy one when it names no version. Loopback stand-ins for MX use it so their answers fit what was asked.
 */
export function mediaTypeFor(headers: IncomingHttpHeaders): string {
  const version = versionOfHeader(headers['accept-version'] as string | undefined);
  return version ? `${VERSION_HEADERS[version].mediaType}; charset=utf-8` : LEGACY_TYPE;
}
