// A TLS certificate that does not check out is not a network hiccup: resending gets the same certificate, so it is
// never retried, and it is said in words (OpenSSL's code alone, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE, helps no one).
import { CliError, EXIT } from '../errors.js';

const CERTIFICATE_CODE = /^(CERT_|UNABLE_TO_(GET|VERIFY|DECRYPT)_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|ERR_TLS_CERT_ALTNAME|HOSTNAME_MISMATCH|INVALID_CA|PATH_LENGTH_EXCEEDED|INVALID_PURPOSE|ERR_SSL_.*CERTIFICATE)/;

export const isCertificateCode = (code: string): boolean => CERTIFICATE_CODE.test(code);

function meaning(code: string): string {
  if (code === 'CERT_HAS_EXPIRED') return 'its certificate has expired';
  if (code === 'CERT_NOT_YET_VALID') return 'its certificate is not valid yet (check this machine\'s clock)';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'its certificate was made for another host name';
  if (code === 'CERT_REVOKED') return 'its certificate has been revoked';
  if (/SELF_SIGNED|UNABLE_TO_(GET_ISSUER|VERIFY_LEAF)|CERT_UNTRUSTED|INVALID_CA/.test(code)) {
    return 'its certificate is signed by an authority this machine does not trust';
  }
  return 'its certificate was rejected';
}

export class MxCertificateError extends CliError {
  readonly networkCode: string;

  constructor(init: { code: string; host: string; method: string; path: string }) {
    super(`mx-iav did not trust ${init.host}: ${meaning(init.code)} (${init.code}), so ${init.method} ${init.path} was not sent.`, {
      exitCode: EXIT.config,
      code: 'tls_certificate',
      hint:
        'A proxy or firewall that inspects HTTPS causes this: give its CA certificate with NODE_EXTRA_CA_CERTS=/path/to/ca.pem. ' +
        'Otherwise check the base URL (MX_BASE_URL / --base-url).',
    });
    this.name = 'MxCertificateError';
    this.networkCode = init.code;
  }
}
