import type { Institution } from '../../mx/types.js';
import { findInstitution, searchInstitutions } from '../institutions.js';
import { listBody } from '../pagination.js';
import { notFound } from '../reply.js';
import type { Routes } from '../router.js';
import { queryFlag } from '../validate.js';

const FLAGS = [
  'supports_account_identification',
  'supports_account_statement',
  'supports_account_verification',
  'supports_transaction_history',
] as const;

function institution(code: string | undefined) {
  const found = findInstitution(code ?? '');
  if (!found) throw notFound();
  return found;
}

export const institutionRoutes: Routes = {
  '/institutions': {
    GET: ({ query }) => {
      const flags: Partial<Record<keyof Institution, boolean>> = {};
      for (const flag of FLAGS) {
        const value = queryFlag(query, flag);
        if (value !== undefined) flags[flag] = value;
      }
      const countries = query.getAll('iso_country_code').flatMap((c) => c.split(',')).filter(Boolean);
      const hits = searchInstitutions({ name: query.get('name') ?? undefined, flags }).filter(
        (i) => countries.length === 0 || countries.includes(i.iso_country_code ?? ''),
      );
      return { status: 200, body: listBody('institutions', hits, query, 100) };
    },
  },
  '/institutions/:institution_code': {
    GET: ({ params }) => ({ status: 200, body: { institution: institution(params.institution_code).institution } }),
  },
  '/institutions/:institution_code/credentials': {
    GET: ({ params, query }) => ({
      status: 200,
      body: listBody('credentials', institution(params.institution_code).credentials, query, 1000),
    }),
  },
};
