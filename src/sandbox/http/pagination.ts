import type { Pagination } from '../../mx/types.js';

/**
 * MX's paging rules: `records_per_page` defaults to 25, and a value above the endpoint's maximum (100 for
 * institutions, 1000 elsewhere) falls back to 25. Below the documented minimum of 10 MX's behaviour is
 * unconfirmed; the sandbox raises it to 10. A page past the end is empty.
 */
export function listBody<T>(key: string, items: T[], query: URLSearchParams, max: 100 | 1000): Record<string, unknown> {
  const requested = Number.parseInt(query.get('records_per_page') ?? '', 10);
  const perPage = Number.isNaN(requested) || requested > max ? 25 : Math.max(10, requested);
  const pageParam = Number.parseInt(query.get('page') ?? '', 10);
  const page = Number.isNaN(pageParam) || pageParam < 1 ? 1 : pageParam;
  const pagination: Pagination = {
    current_page: page,
    per_page: perPage,
    total_entries: items.length,
    total_pages: Math.ceil(items.length / perPage),
  };
  return { [key]: items.slice((page - 1) * perPage, page * perPage), pagination };
}
