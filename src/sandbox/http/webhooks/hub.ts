import { randomUUID } from 'node:crypto';
import type { App, MemberAction, MemberObserver } from '../../bank/app.js';
import type { StepNotice } from '../../bank/jobs.js';
import type { MicroDepositAction, StoredMicroDeposit } from '../../bank/micro-deposits/table.js';
import type { StoredMember } from '../../bank/types.js';
import { Deliveries, type DeliveryOptions } from './delivery.js';
import { type Emission, emissionsForStep, memberEmission } from './emit.js';
import { Endpoints } from './endpoints.js';
import type { WebhookEvent } from './events.js';
import { microDepositPayload } from './micro-deposit-payload.js';

/**
 * MX: "The frequency of request retries diminishes over the course of approximately 24 hours, with no more than 12
 * total retries after an initial request" (§3.1). The exact waits are not published [U], so these are ours: 1, 2, 4,
 * 8, 15 and 30 minutes, then 1, 2, 3, 4, 5 and 8 hours, 24 hours in all. Sandbox time, so `advance` compresses them.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [1, 2, 4, 8, 15, 30].map((m) => m * 60_000).concat([1, 2, 3, 4, 5, 8].map((h) => h * 3_600_000));

export const DEFAULT_DELIVERY: DeliveryOptions = { schedule: RETRY_SCHEDULE_MS, timeoutMs: 10_000, queueLimit: 10_000, logLimit: 1_000 };

/** How often (real time) the hub settles jobs nobody reads and starts due deliveries. */
const TICK_MS = 200;

/** The sandbox's webhooks: it hears every member change (MemberObserver), logs one event per endpoint, and delivers. */
export class Webhooks implements MemberObserver {
  readonly endpoints = new Endpoints();
  readonly deliveries: Deliveries;
  private timer: NodeJS.Timeout | null = null;
  private stopAdvance: (() => void) | null = null;
  private ticking = false;

  constructor(
    private readonly app: App,
    options: DeliveryOptions,
  ) {
    this.deliveries = new Deliveries(() => app.now(), this.endpoints, options);
  }

  step(notice: StepNotice): void {
    for (const emission of emissionsForStep(this.app, notice)) this.publish(notice.member, emission, notice.at);
  }

  member(action: MemberAction, member: StoredMember, callbackPayload: string | null): void {
    this.publish(member, memberEmission(this.app, action, member, callbackPayload), this.app.now());
  }

  /** A micro-deposit was created or changed status (bank/micro-deposits/table.ts tells it as it happens). */
  microDeposit(row: StoredMicroDeposit, action: MicroDepositAction): WebhookEvent[] {
    const emission: Emission = { type: 'MICRODEPOSITS', action, payload: microDepositPayload(this.app, row, action) };
    return this.publishFor({ user_guid: row.user_guid, member_guid: null, subject: row.guid }, emission, this.app.now());
  }

  /** One event per endpoint that takes the type (one unsent event when none does); the first is returned. */
  publish(member: StoredMember, emission: Emission, at: number): WebhookEvent[] {
    return this.publishFor({ user_guid: member.user_guid, member_guid: member.guid, subject: member.guid }, emission, at);
  }

  private publishFor(about: Pick<WebhookEvent, 'user_guid' | 'member_guid' | 'subject'>, { type, action, payload }: Emission, at: number): WebhookEvent[] {
    const targets = this.endpoints.for(type).map((e) => e.id);
    const events = (targets.length > 0 ? targets : [null]).map((endpointId): WebhookEvent => ({
      id: `WHK-${randomUUID()}`,
      type,
      action,
      ...about,
      created_at: new Date(at).toISOString(),
      endpoint_id: endpointId,
      state: 'pending',
      attempts: [],
      payload,
      retries: 0,
      dueAt: at,
      inFlight: false,
    }));
    for (const event of events) this.deliveries.add(event);
    queueMicrotask(() => this.deliveries.pump());
    return events;
  }

  /**
   * Jobs settle when read; the tick reads every member, so a status change nobody polls is still applied on time
   * and its webhook sent. Advancing the clock ticks at once, so what became due goes out without waiting.
   */
  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
    this.stopAdvance = this.app.clock.onAdvance(() => this.tick());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.stopAdvance?.();
    this.timer = null;
    this.deliveries.stop();
  }

  tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (this.app.settleAll()) this.app.flush();
    } catch {
      // A state write that failed has already aborted Sandbox.failed, which stops the sandbox; delivery goes on.
    } finally {
      this.ticking = false;
    }
    this.deliveries.pump();
  }
}
