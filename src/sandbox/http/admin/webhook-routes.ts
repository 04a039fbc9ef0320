import { badRequest, notFound } from '../reply.js';
import { isObject } from '../validate.js';
import { isWebhookType, makeEndpoint, presentEndpoint } from '../webhooks/endpoints.js';
import { presentEvent } from '../webhooks/events.js';
import { WEBHOOK_TYPES } from '../webhooks/payloads.js';
import type { AdminContext, AdminRoute } from './context.js';

function addEndpoint({ webhooks, body }: AdminContext) {
  if (!isObject(body) || typeof body.url !== 'string') throw badRequest('"url" is required: where to POST the webhooks.');
  const type = body.type ?? null;
  if (type !== null && !isWebhookType(type)) throw badRequest(`"type" is null (every type) or one of ${WEBHOOK_TYPES.join(', ')}.`);
  const token = body.bearer_token ?? null;
  if (token !== null && (typeof token !== 'string' || token === '')) throw badRequest('"bearer_token" is null or a non-empty string.');
  const endpoint = webhooks.endpoints.add(makeEndpoint(body.url, type, token));
  return { status: 200, body: { endpoint: presentEndpoint(endpoint) } };
}

/** Oldest first; `member_guid`, `type` and `state` narrow the list (each optional). */
function listEvents({ webhooks, query }: AdminContext) {
  const wanted = (['member_guid', 'type', 'state'] as const).flatMap((key) => {
    const value = query.get(key);
    return value === null ? [] : [[key, value] as const];
  });
  const events = webhooks.deliveries.list().filter((event) => wanted.every(([key, value]) => event[key] === value));
  return { status: 200, body: { events: events.map(presentEvent) } };
}

function resend({ webhooks, params }: AdminContext) {
  const event = webhooks.deliveries.get(params.id ?? '');
  if (!event) throw notFound();
  const current = event.endpoint_id !== null && webhooks.endpoints.get(event.endpoint_id) ? event.endpoint_id : null;
  const target = current ?? webhooks.endpoints.for(event.type)[0]?.id ?? null;
  if (target === null) throw badRequest(`No webhook endpoint takes ${event.type} events; add one first.`);
  webhooks.deliveries.resend(event, target);
  return { status: 200, body: { event: presentEvent(event) } };
}

export const webhookAdminRoutes: AdminRoute[] = [
  ['GET', '/_sandbox/webhooks/endpoints', ({ webhooks }) => ({ status: 200, body: { endpoints: webhooks.endpoints.list().map(presentEndpoint) } })],
  ['POST', '/_sandbox/webhooks/endpoints', addEndpoint],
  [
    'DELETE',
    '/_sandbox/webhooks/endpoints/:id',
    ({ webhooks, params }) => {
      if (!webhooks.endpoints.remove(params.id ?? '')) throw notFound();
      return { status: 204 };
    },
  ],
  ['GET', '/_sandbox/webhooks/events', listEvents],
  ['POST', '/_sandbox/webhooks/events/:id/resend', resend],
];
