import { randomBytes } from 'node:crypto';
import type { WidgetSession } from './sessions.js';
import { PAGE_SCRIPT } from './script.js';
import { PAGE_STYLE } from './style.js';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A page with nothing to run: the answer to a used, expired or unknown link. */
export function plainPage(title: string, sentence: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(sentence)}</p></body></html>`;
}

/**
 * Only this response's nonce runs or styles anything; nothing loads from elsewhere (images are the challenges'
 * data: URIs), and the script's calls go to this sandbox only. No frame-ancestors: the page is made to be embedded,
 * as MX's widget is.
 */
function policy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    'img-src data:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function widgetPage(session: WidgetSession): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const { config } = session;
  const scheme = config.webviewScheme === null ? '' : ` data-scheme="${escapeHtml(config.webviewScheme)}"`;
  const html = `<!doctype html>
<html lang="${escapeHtml(config.locale)}" data-color-scheme="${config.colorScheme}"><head><meta charset="utf-8">
<title>Connect your bank</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${PAGE_STYLE}</style></head>
<body><main id="widget" data-session="${escapeHtml(session.id)}"${scheme} aria-live="polite">
<h1>Connect your bank</h1><p>Loading…</p>
<noscript><p>This page needs JavaScript to connect your bank.</p></noscript></main>
<script nonce="${nonce}">${PAGE_SCRIPT}</script></body></html>`;
  return { html, csp: policy(nonce) };
}
