import type { Endpoints } from './endpoints.js';
import { recordAttempt, type WebhookEvent } from './events.js';
import { post, type PostResult } from './post.js';

export interface DeliveryOptions {
  /** Wait before retry n (n = 1..length); its length is the most retries an event gets. */
  schedule: readonly number[];
  /** An attempt with no answer in this long (real time) counts as failed. */
  timeoutMs: number;
  /** Most events waiting for delivery; past it the oldest waiting one is dropped (and logged as failed). */
  queueLimit: number;
  /** Most delivered or failed events the log keeps; the oldest finished go first. */
  logLimit: number;
}

/** How long a 429 without a usable Retry-After waits before it is re-queued. [U: MX's own wait is not published] */
const THROTTLE_WAIT_MS = 60_000;
/** Deliveries in flight at once, across all endpoints and members. */
const CONCURRENCY = 16;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The delivery log and queue. Events of one member to one endpoint go strictly in order (the next waits until the
 * previous is delivered or has used up its retries), which is what "in order per member" needs; different members
 * and endpoints proceed independently. Due times are sandbox time, so advancing the clock brings retries forward.
 */
export class Deliveries {
  private readonly log = new Map<string, WebhookEvent>();
  private readonly queues = new Map<string, WebhookEvent[]>();
  private readonly finished: string[] = [];
  private pending = 0;
  private inFlight = 0;
  /** Aborts the attempts in flight when the sandbox closes, so a silent receiver cannot hold the process open. */
  private readonly closing = new AbortController();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly now: () => number,
    private readonly endpoints: Endpoints,
    private readonly options: DeliveryOptions,
  ) {}

  list(): WebhookEvent[] {
    return [...this.log.values()];
  }

  /** Told after each event logged and each attempt recorded, so an embedder waits on a delivery, not a timer. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): WebhookEvent | undefined {
    return this.log.get(id);
  }

  /** Logs the event and queues it for its endpoint; one without an endpoint is logged as failed, for a later resend. */
  add(event: WebhookEvent): void {
    this.log.set(event.id, event);
    if (event.endpoint_id === null) {
      recordAttempt(event, { at: iso(this.now()), status: null, error: `no webhook endpoint takes ${event.type} events` });
      this.finish(event, 'failed');
    } else this.queue(event);
    this.bound();
    this.changed();
  }

  /** Sends the event again as new, to its endpoint or, when that is gone, to the given one. */
  resend(event: WebhookEvent, endpointId: string | null): void {
    if (event.state === 'pending') {
      event.dueAt = this.now();
    } else {
      const at = this.finished.indexOf(event.id);
      if (at >= 0) this.finished.splice(at, 1);
      event.endpoint_id = endpointId;
      Object.assign(event, { state: 'pending', retries: 0, dueAt: this.now() });
      this.queue(event);
    }
    this.pump();
  }

  stop(): void {
    this.closing.abort();
  }

  /** Starts every attempt that is due, up to the concurrency bound. */
  pump(): void {
    if (this.closing.signal.aborted) return;
    const now = this.now();
    for (const [key, queue] of this.queues) {
      if (this.inFlight >= CONCURRENCY) return;
      const head = queue[0];
      if (!head) this.queues.delete(key);
      else if (!head.inFlight && head.dueAt <= now) void this.attempt(head, queue);
    }
  }

  private queue(event: WebhookEvent): void {
    const key = `${event.endpoint_id ?? ''} ${event.subject}`;
    const queue = this.queues.get(key) ?? [];
    queue.push(event);
    this.queues.set(key, queue);
    this.pending += 1;
  }

  private async attempt(event: WebhookEvent, queue: WebhookEvent[]): Promise<void> {
    const endpoint = event.endpoint_id === null ? undefined : this.endpoints.get(event.endpoint_id);
    event.inFlight = true;
    this.inFlight += 1;
    const result: PostResult = endpoint
      ? await post(endpoint.url, JSON.stringify(event.payload), endpoint.authorization, this.options.timeoutMs, this.closing.signal)
      : { status: null, error: 'the endpoint was removed', retryAfterSeconds: null };
    this.inFlight -= 1;
    event.inFlight = false;
    const now = this.now();
    recordAttempt(event, { at: iso(now), status: result.status, error: result.error });
    if (event.state === 'pending') this.judge(event, queue, result, endpoint === undefined, now);
    this.bound();
    this.changed();
    this.pump();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** MX: 2xx is received; anything else is retried, at most 12 times; 429 re-queues without using a retry. */
  private judge(event: WebhookEvent, queue: WebhookEvent[], result: PostResult, gone: boolean, now: number): void {
    const { status } = result;
    if (status !== null && status >= 200 && status < 300) return this.settle(event, queue, 'delivered');
    if (status === 429 && !gone) {
      event.dueAt = now + (result.retryAfterSeconds ?? THROTTLE_WAIT_MS / 1000) * 1000;
      return;
    }
    event.retries += 1;
    const wait = this.options.schedule[event.retries - 1];
    if (gone || wait === undefined) return this.settle(event, queue, 'failed');
    event.dueAt = now + wait;
  }

  private settle(event: WebhookEvent, queue: WebhookEvent[], state: 'delivered' | 'failed'): void {
    const at = queue.indexOf(event);
    if (at >= 0) queue.splice(at, 1);
    this.pending -= 1;
    this.finish(event, state);
  }

  private finish(event: WebhookEvent, state: 'delivered' | 'failed'): void {
    event.state = state;
    this.finished.push(event.id);
  }

  /** The memory bound: waiting events first (oldest dropped, never one in flight), then the finished log. */
  private bound(): void {
    if (this.pending > this.options.queueLimit) {
      for (const event of this.log.values()) {
        if (this.pending <= this.options.queueLimit) break;
        if (event.state !== 'pending' || event.inFlight) continue;
        recordAttempt(event, { at: iso(this.now()), status: null, error: `dropped: more than ${this.options.queueLimit} events were waiting` });
        const queue = this.queues.get(`${event.endpoint_id ?? ''} ${event.subject}`) ?? [];
        this.settle(event, queue, 'failed');
      }
    }
    while (this.finished.length > this.options.logLimit) {
      const id = this.finished.shift();
      if (id !== undefined) this.log.delete(id);
    }
  }
}
