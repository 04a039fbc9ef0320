import type { Page, PageQuery } from './types.js';

// A hard stop so a server whose pagination never ends (total_pages growing, or ignored `page`) cannot loop forever.
const MAX_PAGES = 10_000;

/** Yields every item, fetching the next page only when the caller has consumed the previous one. */
export async function* paginate<T>(fetchPage: (query: PageQuery) => Promise<Page<T>>, recordsPerPage = 100): AsyncGenerator<T> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items, pagination } = await fetchPage({ page, records_per_page: recordsPerPage });
    yield* items;
    if (items.length === 0 || page >= pagination.total_pages) return;
  }
}
