// The widget link's life: minted just before it is shown (MX: "The URL expires after ten minutes or upon first
// use, whichever occurs first"), and replaced on request or, when nobody can ask, once its lifetime is over. MX
// says nothing when a link dies, so its end is inferred: the lifetime passed and nothing was seen of the customer.
import type { WidgetUrlRequest } from '../mx/types.js';
import type { FlowDeps } from './ports.js';

/** Why a link is being shown. */
export type LinkOccasion = 'first' | 'asked' | 'expired';

/** The terminal side of the widget link; src/ui implements it, tests script it. */
export interface WidgetLinkPort {
  /** Shows a freshly minted link (its own line on stderr, a QR code on a terminal, the browser under --open). */
  show(url: string, occasion: LinkOccasion): Promise<void>;
  /**
   * Resolves when the person asks for a new link (Enter in a terminal), rejects on `signal`. Absent where nobody can
   * ask (--no-input): the flow then makes a new link by itself once the old one's lifetime is over, and says so.
   */
  waitForRequest?(signal: AbortSignal): Promise<void>;
}

export type WidgetDeps = Pick<FlowDeps, 'client' | 'progress' | 'store' | 'clock'> & { link: WidgetLinkPort };

export interface LinkKeeper {
  start(): Promise<void>;
  /** Between reads: a new link if one was asked for, or (nobody to ask) if the old one's lifetime is over. */
  check(): Promise<void>;
  /** Sleeps up to `ms`, waking early when a new link is asked for or the current one's lifetime ends. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** The customer was seen: the link has done its work, stop offering a new one. */
  stop(): void;
}

export function describeLifetime(ms: number): string {
  const [count, unit] = ms >= 60_000 && ms % 60_000 === 0 ? [ms / 60_000, 'minute'] : [Math.round(ms / 1000), 'second'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export function keepLink(deps: WidgetDeps, userGuid: string, request: WidgetUrlRequest, lifetimeMs: number): LinkKeeper {
  const { client, clock, progress, link } = deps;
  const lifetime = describeLifetime(lifetimeMs);
  const state = { expiresAt: 0, announced: false, requested: false, stopped: false };
  let listening: AbortController | undefined;
  let wake: AbortController | undefined;

  const listen = () => {
    if (!link.waitForRequest) return;
    listening = new AbortController();
    link.waitForRequest(listening.signal).then(
      () => {
        state.requested = true;
        wake?.abort();
      },
      () => undefined, // stopped listening: a new link was made, or the customer was seen
    );
  };
  const mint = async (occasion: LinkOccasion) => {
    listening?.abort();
    const { url } = await client.createWidgetUrl(userGuid, request);
    Object.assign(state, { expiresAt: clock.now() + lifetimeMs, announced: false, requested: false });
    await link.show(url, occasion);
    listen();
  };

  return {
    start: () => mint('first'),
    async check() {
      if (state.stopped) return;
      if (state.requested) return mint('asked');
      if (state.announced || clock.now() < state.expiresAt) return;
      state.announced = true;
      if (link.waitForRequest) {
        progress.warn(`The link has expired (each works once, for ${lifetime}). Press Enter for a new one.`);
        return;
      }
      progress.warn(`The link expired after ${lifetime} with nothing seen of the customer; here is a new one.`);
      await mint('expired');
    },
    async sleep(ms, signal) {
      const untilExpiry = state.stopped || state.announced ? ms : Math.max(0, state.expiresAt - clock.now());
      wake = new AbortController();
      const woken = wake.signal;
      try {
        await clock.sleep(Math.min(ms, untilExpiry), signal ? AbortSignal.any([signal, woken]) : woken);
      } catch (error) {
        if (signal?.aborted || !woken.aborted) throw error;
      }
    },
    stop() {
      state.stopped = true;
      listening?.abort();
    },
  };
}
