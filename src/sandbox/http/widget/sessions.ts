import { randomBytes, randomUUID } from 'node:crypto';
import type { App } from '../../bank/app.js';
import type { WidgetConfig } from './config.js';

/** MX: "The URL expires after ten minutes or upon first use, whichever occurs first." */
export const WIDGET_URL_TTL_MS = 10 * 60 * 1000;

/** How long a spent link is still answered as used or expired (410) before it is forgotten (then 404). */
export const SPENT_LINK_KEPT_MS = 24 * 60 * 60 * 1000;

interface WidgetLink {
  userGuid: string;
  config: WidgetConfig;
  expiresAt: number;
  used: boolean;
}

/** An opened page: what its JSON calls are allowed to touch. */
export interface WidgetSession {
  id: string;
  /** The `session_guid` every event carries; public, unlike the id. */
  guid: string;
  userGuid: string;
  config: WidgetConfig;
  /** The members this page created or was opened on; the page may act on no other. */
  members: Set<string>;
}

export type Opening = { kind: 'opened'; session: WidgetSession } | { kind: 'used' } | { kind: 'expired' } | { kind: 'unknown' };

/**
 * The one-time links and the sessions of opened pages, keyed by random tokens (Maps: the keys come from URLs).
 * Neither is part of the saved state: a link outlives no sandbox, as it outlives no ten minutes at MX.
 * The page's calls carry a session id minted at opening, not the link's token, so a link seen in a history or a
 * log opens nothing and authorises nothing once used. A second sandbox on the same state file has its own tables,
 * which its own links (at its own address) reach. Each mint forgets the links whose lifetime ended a day ago, so a sandbox that runs
 * for weeks does not keep every link it ever made; sessions are made only by a browser opening a link, and stay.
 */
export class WidgetStore {
  private readonly links = new Map<string, WidgetLink>();
  private readonly sessions = new Map<string, WidgetSession>();

  constructor(readonly ttlMs: number) {}

  mint(app: App, userGuid: string, config: WidgetConfig): string {
    const now = app.now();
    for (const [old, link] of this.links) if (now >= link.expiresAt + SPENT_LINK_KEPT_MS) this.links.delete(old);
    const token = randomBytes(24).toString('base64url');
    this.links.set(token, { userGuid, config, expiresAt: now + this.ttlMs, used: false });
    return token;
  }

  open(app: App, token: string): Opening {
    const link = this.links.get(token);
    if (!link) return { kind: 'unknown' };
    if (link.used) return { kind: 'used' };
    if (app.now() >= link.expiresAt) return { kind: 'expired' };
    link.used = true;
    const session: WidgetSession = { id: randomBytes(24).toString('base64url'), guid: `SES-${randomUUID()}`, userGuid: link.userGuid, config: link.config, members: new Set() };
    if (link.config.memberGuid) session.members.add(link.config.memberGuid);
    this.sessions.set(session.id, session);
    return { kind: 'opened', session };
  }

  session(id: string): WidgetSession | undefined {
    return this.sessions.get(id);
  }
}

const stores = new WeakMap<App, WidgetStore>();

/** The widget tables of one sandbox; `configureWidgets` sets the link lifetime once, at start. */
export function widgetStore(app: App): WidgetStore {
  let store = stores.get(app);
  if (!store) {
    store = new WidgetStore(WIDGET_URL_TTL_MS);
    stores.set(app, store);
  }
  return store;
}

/** Gives a new sandbox's app its widget tables, with the link lifetime it was started with. */
export function configureWidgets(app: App, ttlMs: number | undefined): App {
  stores.set(app, new WidgetStore(ttlMs ?? WIDGET_URL_TTL_MS));
  return app;
}
