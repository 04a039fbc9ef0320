import type { App } from './app.js';
import type { Reply } from './reply.js';

export interface RequestContext {
  app: App;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export type Handler = (ctx: RequestContext) => Reply;
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** Path pattern (`:name` segments) → handler per method. */
export type Routes = Record<string, Partial<Record<Method, Handler>>>;

export interface Match {
  methods: Partial<Record<Method, Handler>>;
  params: Record<string, string>;
}

export function matchRoute(routes: Routes, path: string): Match | null {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, methods] of Object.entries(routes)) {
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = want.every((seg, i) => {
      const got = parts[i] ?? '';
      if (!seg.startsWith(':')) return seg === got;
      params[seg.slice(1)] = safeDecode(got);
      return true;
    });
    if (ok) return { methods, params };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
