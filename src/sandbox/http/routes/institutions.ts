import { findInstitution, searchInstitutions } from '../../bank/institutions.js';
import { listBody } from '../pagination.js';
import { notFound } from '../reply.js';
import type { Routes } from '../router.js';

function institution(code: string | undefined) {
  const found = findInstitution(code ?? '');
  if (!found) throw notFound();
  return found;
}

export const institutionRoutes: Routes = {
  '/institutions': {
    GET: ({ version, query }) => {
      const countries = query.getAll('iso_country_code').flatMap((c) => c.split(',')).filter(Boolean);
      const keep = version.institutionFilter(query);
      const hits = searchInstitutions({ name: query.get('name') ?? undefined, keep })
        .filter((i) => countries.length === 0 || countries.includes(i.institution.iso_country_code ?? ''))
        .map((i) => version.presentInstitution(i));
      return { status: 200, body: listBody('institutions', hits, query, 100) };
    },
  },
  '/institutions/:institution_code': {
    GET: ({ version, params }) => ({ status: 200, body: { institution: version.presentInstitution(institution(params.institution_code)) } }),
  },
  // v20250224: "use either the institution_code or the institution guid" (identifiers.ts turns a guid into the code).
  '/institutions/:institution_identifier/credentials': {
    GET: ({ params, query }) => ({
      status: 200,
      body: listBody('credentials', institution(params.institution_code).credentials, query, 1000),
    }),
  },
};
