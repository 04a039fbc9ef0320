import { badRequest, notFound } from '../reply.js';
import { isObject } from '../validate.js';
import { presentEvent } from '../webhooks/events.js';
import type { AdminContext, AdminRoute } from './context.js';

/**
 * Fires a MICRODEPOSITS webhook for a micro-deposit as it is now (`updated` unless `"action":"created"`). Micro-deposits
 * belong to a user, not a member, hence a route of their own beside the members' one.
 */
function fire({ app, webhooks, params, body }: AdminContext) {
  const row = app.microDeposits.get(params.micro_deposit_guid ?? '', app.now());
  if (!row) throw notFound();
  const action = isObject(body) && body.action !== undefined ? body.action : 'updated';
  if (action !== 'created' && action !== 'updated') throw badRequest('A MICRODEPOSITS webhook\'s action is "created" or "updated".');
  const [event] = webhooks.microDeposit(row, action);
  return { status: 200, body: { event: event ? presentEvent(event) : null } };
}

export const microDepositAdminRoutes: AdminRoute[] = [['POST', '/_sandbox/micro_deposits/:micro_deposit_guid/webhooks', fire]];
