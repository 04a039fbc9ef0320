// HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (either case), as curl and npm read them. The client talks to one
// base URL only (it follows no redirects), so the proxy is chosen once, for that URL. The agent library is loaded
// only when a proxy variable is set, so a run without one pays nothing at start-up.
//
// A loopback base URL is never proxied, as Go's ProxyFromEnvironment never proxies "localhost" or a loopback address:
// a proxy cannot reach this machine's loopback anyway, and plain http (allowed only for loopback) would hand it the
// API key in clear text. So only https is ever proxied, through a CONNECT tunnel.
import type http from 'node:http';
import type https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { ConfigError } from '../errors.js';
import { isLoopbackUrl } from './identifiers.js';

export interface ProxyChoice {
  agent: { http?: http.Agent; https?: https.Agent };
  /** The proxy's address without any user name or password, for --debug and doctor. */
  shown: string;
  close(): void;
}

const VARIABLES = ['https_proxy', 'http_proxy', 'all_proxy'];

export const proxyVariableSet = (env: NodeJS.ProcessEnv): boolean =>
  Object.entries(env).some(([name, value]) => VARIABLES.includes(name.toLowerCase()) && Boolean(value));

// The agents are CommonJS: the bundle hands their exports over as `default` only (Node gives both).
const commonJs = <T>(module: T): T => (module as T & { default?: T }).default ?? module;

/** The agent that carries requests to `baseUrl` through the proxy the environment names, or null for a direct line. */
export async function proxyFor(baseUrl: string, env: NodeJS.ProcessEnv): Promise<ProxyChoice | null> {
  if (!proxyVariableSet(env) || isLoopbackUrl(baseUrl)) return null;
  const { getProxyForUrl } = await import('proxy-from-env');
  const proxy = getProxyForUrl(baseUrl);
  if (!proxy) return null;
  let proxyUrl: URL;
  try {
    proxyUrl = new URL(proxy);
  } catch {
    throw new ConfigError('The proxy variable (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) is not a URL.', 'For example: HTTPS_PROXY=http://proxy.example.com:3128');
  }
  const agent = await httpsProxyAgent(proxyUrl, { keepAlive: true });
  return {
    agent: { http: agent, https: agent as https.Agent },
    shown: `${proxyUrl.protocol}//${proxyUrl.host}`,
    close: () => agent.destroy(),
  };
}

/**
 * The proxy refused the CONNECT (407 wants a login, 403 forbids the host, 502 could not reach it). https-proxy-agent
 * would replay the proxy's answer as if MX had sent it, so a 403 from the proxy read as MX rejecting the API key.
 */
export class ProxyRefusal extends Error {
  readonly code = 'EPROXYREFUSED';
  constructor(readonly answer: string) {
    super(`the proxy answered ${answer} to CONNECT`);
  }
}

type ConnectArgs = Parameters<InstanceType<Awaited<typeof import('https-proxy-agent')>['HttpsProxyAgent']>['connect']>;

/**
 * https-proxy-agent leaves out the host when it starts TLS inside the tunnel and gives no SNI name for an IP address,
 * so Node would check the certificate of https://127.0.0.1:… against "localhost". The host is checked as given.
 */
async function httpsProxyAgent(proxyUrl: URL, options: http.AgentOptions): Promise<http.Agent> {
  const { HttpsProxyAgent } = commonJs(await import('https-proxy-agent'));
  class CheckedHostAgent extends HttpsProxyAgent<string> {
    override async connect(...[request, opts]: ConnectArgs) {
      let refused: string | null = null;
      request.once('proxyConnect', (answer: { statusCode: number; statusText?: string }) => {
        if (answer.statusCode !== 200) refused = `${answer.statusCode}${answer.statusText ? ` ${answer.statusText}` : ''}`;
      });
      const host = opts.host;
      const checked = !opts.secureEndpoint || !host || !isIP(host) ? opts : { ...opts, checkServerIdentity: (_name: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(host, cert) };
      const socket = await super.connect(request, checked);
      if (refused === null) return socket;
      socket.destroy();
      throw new ProxyRefusal(refused);
    }
  }
  return new CheckedHostAgent(proxyUrl, options);
}
