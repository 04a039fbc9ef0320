// proxy-from-env ships no types; this is the one function mx-iav calls.
declare module 'proxy-from-env' {
  /** The proxy URL that HTTP(S)_PROXY / ALL_PROXY / NO_PROXY (either case) choose for `url`, or '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}
