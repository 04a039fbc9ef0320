import type { App } from '../bank/app.js';
import type { Reply } from './reply.js';
import type { SandboxVersion } from './versions.js';

export interface RequestContext {
  app: App;
  /** The API version the request is served as: its shapes and rules. */
  version: SandboxVersion;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The request's X-CALLBACK-PAYLOAD header, which MEMBER webhooks echo after a create or update. */
  callbackPayload: string | null;
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

/** One route table from several; a path two tables both define is a bug, not something to replace silently. */
export function mergeRoutes(...tables: Routes[]): Routes {
  const merged: Routes = {};
  const shapes = new Set<string>();
  for (const table of tables) {
    for (const [pattern, methods] of Object.entries(table)) {
      // `/users/:user_guid` and `/users/:user_identifier` match the same paths, so they count as one.
      const shape = pattern.replace(/:[^/]+/g, ':');
      if (shapes.has(shape)) throw new Error(`sandbox route ${pattern} is defined twice`);
      shapes.add(shape);
      merged[pattern] = methods;
    }
  }
  return merged;
}
