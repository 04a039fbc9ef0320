import { MAX_ADVANCE_MS, parseDuration } from '../../bank/clock.js';
import { badRequest } from '../reply.js';
import { isObject } from '../validate.js';
import type { AdminContext, AdminRoute } from './context.js';

function clockBody({ app }: AdminContext) {
  return { status: 200, body: { clock: { now: new Date(app.now()).toISOString(), offset_ms: app.clock.offsetMs } } };
}

/** `{"by":"10m"}` or `{"ms":600000}`; time only moves forward, as a test clock's does. */
function advanceBy(body: unknown): number {
  if (!isObject(body)) throw badRequest('Send {"by":"10m"} or {"ms":600000}.');
  const ms = typeof body.by === 'string' ? parseDuration(body.by) : typeof body.ms === 'number' && Number.isInteger(body.ms) ? body.ms : null;
  if (ms === null) throw badRequest('"by" takes a duration such as "90s", "10m", "2h" or "1d"; "ms" takes a whole number of milliseconds.');
  if (ms <= 0 || ms > MAX_ADVANCE_MS) throw badRequest(`The clock advances by more than 0 and at most ${MAX_ADVANCE_MS} ms (366 days) at a time.`);
  return ms;
}

export const clockRoutes: AdminRoute[] = [
  ['GET', '/_sandbox/clock', clockBody],
  [
    'POST',
    '/_sandbox/clock/advance',
    (ctx) => {
      ctx.app.clock.advance(advanceBy(ctx.body));
      return clockBody(ctx);
    },
  ],
];
