// HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (either case), as curl and npm read them. The client talks to one
// base URL only (it follows no redirects), so the proxy is chosen once, for that URL. The agent libraries are loaded
// only when a proxy variable is set, so a run without one pays nothing at start-up.
import type http from 'node:http';
import type https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { ConfigError } from '../errors.js';

export interface ProxyChoice {
  agent: { http?: http.Agent; https?: https.Agent };
  /** The proxy's address without any user name or password, for --debug and doctor. */
  shown: string;
  close(): void;
}

const VARIABLES = ['https_proxy', 'http_proxy', 'all_proxy'];

export const proxyVariableSet = (env: NodeJS.ProcessEnv = process.env): boolean =>
  Object.entries(env).some(([name, value]) => VARIABLES.includes(name.toLowerCase()) && Boolean(value));

// The agents are CommonJS: the bundle hands their exports over as `default` only (Node gives both).
const commonJs = <T>(module: T): T => (module as T & { default?: T }).default ?? module;

/** The agent that carries requests to `baseUrl` through the proxy the environment names, or null for a direct line. */
export async function proxyFor(baseUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<ProxyChoice | null> {
  if (!proxyVariableSet(env)) return null;
  const { getProxyForUrl } = await import('proxy-from-env');
  const proxy = getProxyForUrl(baseUrl);
  if (!proxy) return null;
  let proxyUrl: URL;
  try {
    proxyUrl = new URL(proxy);
  } catch {
    throw new ConfigError('The proxy variable (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) is not a URL.', 'For example: HTTPS_PROXY=http://proxy.example.com:3128');
  }
  const options = { keepAlive: true };
  let agent: http.Agent;
  if (new URL(baseUrl).protocol === 'https:') {
    agent = await httpsProxyAgent(proxyUrl, options);
  } else {
    const { HttpProxyAgent } = commonJs(await import('http-proxy-agent'));
    agent = new HttpProxyAgent(proxyUrl, options);
  }
  return {
    agent: { http: agent, https: agent as https.Agent },
    shown: `${proxyUrl.protocol}//${proxyUrl.host}`,
    close: () => agent.destroy(),
  };
}

/**
 * https-proxy-agent leaves out the host when it starts TLS inside the tunnel and gives no SNI name for an IP address,
 * so Node would check the certificate of https://127.0.0.1:… against "localhost". The host is checked as given.
 */
async function httpsProxyAgent(proxyUrl: URL, options: http.AgentOptions): Promise<http.Agent> {
  const { HttpsProxyAgent } = commonJs(await import('https-proxy-agent'));
  class CheckedHostAgent extends HttpsProxyAgent<string> {
    override connect(...[request, opts]: Parameters<InstanceType<typeof HttpsProxyAgent<string>>['connect']>) {
      const host = opts.host;
      if (!opts.secureEndpoint || !host || !isIP(host)) return super.connect(request, opts);
      return super.connect(request, { ...opts, checkServerIdentity: (_name: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(host, cert) });
    }
  }
  return new CheckedHostAgent(proxyUrl, options);
}
