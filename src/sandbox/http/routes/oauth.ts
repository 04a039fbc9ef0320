import { presentOAuthWindow } from '../present.js';
import { badRequest } from '../reply.js';
import type { Routes } from '../router.js';
import { queryFlag } from '../validate.js';
import { newOAuthToken } from './create-member.js';

export const oauthRoutes: Routes = {
  '/users/:user_identifier/members/:member_identifier/oauth_window_uri': {
    GET: ({ app, params, query }) => {
      const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
      if (!member.is_oauth) throw badRequest('This member does not use OAuth.');
      // Window URIs are one-time: minting a new one expires the previous one.
      member.oauthToken = newOAuthToken();
      const skip = queryFlag(query, 'skip_aggregation');
      if (skip !== undefined) member.skip_aggregation = skip;
      return { status: 200, body: { member: presentOAuthWindow(app, member) } };
    },
  },
};
