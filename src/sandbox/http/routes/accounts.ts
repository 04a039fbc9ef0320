import { listBody } from '../pagination.js';
import { presentAccount, presentAccountNumber } from '../present.js';
import { notFound } from '../reply.js';
import type { Routes } from '../router.js';

export const accountRoutes: Routes = {
  '/users/:user_guid/members/:member_guid/account_numbers': {
    GET: ({ app, params, query }) => {
      const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
      const numbers = member.accountNumbers.map((n) => presentAccountNumber(member, n));
      return { status: 200, body: listBody('account_numbers', numbers, query, 1000) };
    },
  },
  '/users/:user_identifier/accounts/:account_identifier/account_numbers': {
    GET: ({ app, params, query }) => {
      const accountGuid = params.account_guid ?? '';
      // Accounts exist for the API only once a job has logged in and discovered them.
      const member = app
        .membersOf(params.user_guid ?? '')
        .find((m) => m.accountsDiscovered && m.accounts.some((a) => a.guid === accountGuid));
      if (!member) throw notFound();
      const numbers = member.accountNumbers.filter((n) => n.accountGuid === accountGuid).map((n) => presentAccountNumber(member, n));
      return { status: 200, body: listBody('account_numbers', numbers, query, 1000) };
    },
  },
  '/users/:user_identifier/members/:member_identifier/accounts': {
    GET: ({ app, version, params, query }) => {
      const member = app.member(params.user_guid ?? '', params.member_guid ?? '');
      const accounts = member.accountsDiscovered ? member.accounts.map((a) => version.presentAccount(presentAccount(app, member, a))) : [];
      return { status: 200, body: listBody('accounts', accounts, query, 1000) };
    },
  },
};
