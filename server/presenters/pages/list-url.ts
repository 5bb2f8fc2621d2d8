// Query strings of the /fiches page: the current search with one thing changed (a filter
// removed, another page, another sort), so that every control is also a plain link.
import type { ListQuery } from '../../search/list-query.js';
import { DEFAULT_PER_PAGE } from '../../search/list-query.js';

export interface UrlChange {
  remove?: { facet: string; value: string };
  add?: { facet: string; value: string };
  page?: number;
  dropQuery?: boolean;
}

export function listUrl(query: ListQuery, change: UrlChange = {}): string {
  const params = new URLSearchParams();
  if (query.q && !change.dropQuery) params.append('q', query.q);
  for (const [facet, values] of query.filters) {
    for (const value of values) {
      if (change.remove?.facet === facet && change.remove.value === value) continue;
      params.append(facet, value);
    }
  }
  if (change.add) params.append(change.add.facet, change.add.value);
  if (query.triDemande) params.append('tri', query.triDemande);
  if (query.parPage !== DEFAULT_PER_PAGE) params.append('par_page', String(query.parPage));
  const page = change.page ?? (change.remove || change.add ? 1 : query.page);
  if (page > 1) params.append('page', String(page));
  const text = params.toString();
  return text ? `/fiches?${text}` : '/fiches';
}

/** The /fiches URL filtered on one value. */
export function facetUrl(facet: string, value: string): string {
  return `/fiches?${new URLSearchParams({ [facet]: value }).toString()}`;
}
