import type { User } from '../../../mx/types.js';
import { listBody } from '../pagination.js';
import type { App } from '../../bank/app.js';
import { ApiError, badRequest } from '../reply.js';
import type { Routes } from '../router.js';
import { type Fields, hasAny, optionalBoolean, optionalString, queryFlag, wrapped } from '../validate.js';

const USER_FIELDS = ['id', 'email', 'is_disabled', 'metadata'];

/** MX accepts any subset of the fields, but not an empty user object. */
function userFields(body: unknown): Fields {
  const fields = wrapped(body, 'user');
  if (!hasAny(fields, USER_FIELDS)) throw badRequest('The user object cannot be empty.');
  return fields;
}

function applyFields(user: User, fields: Fields): void {
  for (const key of ['id', 'email', 'metadata'] as const) {
    if (fields[key] !== undefined) user[key] = optionalString(fields, key) ?? null;
  }
  if (fields.is_disabled !== undefined) user.is_disabled = optionalBoolean(fields, 'is_disabled') ?? false;
}

/**
 * MX refuses a partner `id` another of the client's users has: 409 "An object with the given attributes already
 * exists" (MX's errors page, notes §8). A state saved before this rule may still hold duplicates (stats count them).
 */
function refuseTakenId(app: App, fields: Fields, self: string | null): void {
  const id = fields.id;
  if (typeof id !== 'string' || id === '') return;
  if (Object.values(app.state.users).some((u) => u.id === id && u.guid !== self)) {
    throw new ApiError(409, 'An object with the given attributes already exists.');
  }
}

export const userRoutes: Routes = {
  '/users': {
    POST: ({ app, version, body }) => {
      const fields = userFields(body);
      const user: User = { guid: app.random.guid('USR'), id: null, email: null, is_disabled: false, metadata: null };
      applyFields(user, fields);
      refuseTakenId(app, fields, null);
      app.state.users[user.guid] = user;
      return { status: 200, body: { user: version.presentUser(user) } };
    },
    GET: ({ app, version, query }) => {
      const id = query.get('id');
      const email = query.get('email')?.toLowerCase();
      const disabled = queryFlag(query, 'is_disabled');
      const users = Object.values(app.state.users).filter(
        (u) =>
          (id === null || u.id === id) &&
          (email === undefined || u.email?.toLowerCase() === email) &&
          (disabled === undefined || u.is_disabled === disabled),
      );
      return { status: 200, body: listBody('users', users.map((u) => version.presentUser(u)), query, 1000) };
    },
  },
  '/users/:user_identifier': {
    GET: ({ app, version, params }) => ({ status: 200, body: { user: version.presentUser(app.user(params.user_guid ?? '')) } }),
    PUT: ({ app, version, params, body }) => {
      const user = app.user(params.user_guid ?? '');
      const fields = userFields(body);
      refuseTakenId(app, fields, user.guid);
      const updated = { ...user };
      applyFields(updated, fields);
      Object.assign(user, updated);
      return { status: 200, body: { user: version.presentUser(user) } };
    },
    DELETE: ({ app, params }) => {
      const user = app.user(params.user_guid ?? '');
      for (const member of Object.values(app.state.members)) {
        if (member.user_guid === user.guid) delete app.state.members[member.guid];
      }
      app.microDeposits.deleteOfUser(user.guid);
      delete app.state.users[user.guid];
      return { status: 204 };
    },
  },
};
