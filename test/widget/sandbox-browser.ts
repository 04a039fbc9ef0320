import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

// Debian's chromium, which .ci/run installs. Under CI a missing browser must fail these files, never skip them.
export const CHROMIUM = '/usr/bin/chromium';
export const browserEnabled = existsSync(CHROMIUM) || 'CI' in process.env;

export function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const SDK = join(process.cwd(), 'node_modules', '@mxenabled', 'web-widget-sdk', 'dist', 'umd', 'index.js');

/**
 * An integrator's page on another loopback origin: `/frame?url=` embeds a widget URL in an iframe and keeps every
 * message it posts in window.widgetEvents; `/sdk?url=` lets MX's web-widget-sdk (unchanged) embed it instead.
 */
export async function startHost(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const widget = JSON.stringify(url.searchParams.get('url') ?? '');
    const page = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Integrator</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>${body}</body></html>`);
    };
    if (url.pathname === '/sdk.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return void res.end(readFileSync(SDK));
    }
    if (url.pathname === '/frame') {
      return page(`<script>window.widgetEvents=[];addEventListener('message',e=>window.widgetEvents.push(e.data));</script>
<iframe title="Connect" src=${widget} style="border:0;width:100%;height:900px"></iframe>`);
    }
    if (url.pathname === '/sdk') {
      return page(`<div id="widget"></div><script src="/sdk.js"></script><script>
window.connected=[];window.invalid=[];
new widgetSdk.ConnectWidget({container:'#widget',url:${widget},style:{border:'none',width:'100%',height:'900px'},
onMemberConnected:(p)=>window.connected.push(p),onInvalidMessageError:(m,e)=>window.invalid.push(String(e))});
</script>`);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The widget inside the integrator's frame page. */
export async function openInFrame(page: Page, hostUrl: string, widgetUrl: string): Promise<FrameLocator> {
  await page.goto(`${hostUrl}/frame?url=${encodeURIComponent(widgetUrl)}`);
  return page.frameLocator('iframe');
}

export interface WidgetEvent {
  mx: boolean;
  type: string;
  metadata: Record<string, unknown>;
}

export function eventsOf(page: Page): Promise<WidgetEvent[]> {
  return page.evaluate(() => (globalThis as unknown as { widgetEvents: WidgetEvent[] }).widgetEvents);
}
