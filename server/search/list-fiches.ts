// GET /api/fiches as a domain function: full-text hits (FTS5) ∩ visible fiches ∩ facet filters,
// sorted and paged, with disjunctive facet counts and highlighted excerpts.
import type { Catalogue } from '../index/catalogue.js';
import { Bitset } from '../index/bitset.js';
import type { FicheSummary } from '../index/facet-index.js';
import { getBodyTexts } from '../db/fiches-repository.js';
import { matchFullTextIds } from '../db/search-repository.js';
import { pageByRelevance } from './rank-relevance.js';
import { excerptOf, termMatcher } from './excerpt.js';
import { countFacets, filterSet, intersectFilters, type FacetValueCount } from './facet-counts.js';
import { excludedExpression, requiredExpression } from './fts-expression.js';
import type { ListQuery } from './list-query.js';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './parse-query.js';

export interface ListedFiche {
  summary: FicheSummary;
  extrait: string;
}

export interface FicheList {
  total: number;
  page: number;
  parPage: number;
  resultats: ListedFiche[];
  facettes: Record<string, FacetValueCount[]>;
  /** True when no fiche had every word and the results have at least one. */
  rechercheElargie: boolean;
}

export async function listFiches(catalogue: Catalogue, query: ListQuery): Promise<FicheList> {
  const { facets: index, ontology } = catalogue;
  const parsed = query.q ? parseQuery(query.q) : null;
  const search = parsed && !isEmptyQuery(parsed) ? runFullText(catalogue, parsed) : null;
  const base = index.visible.clone();
  if (search) base.intersect(search.hits);

  const filterSets = new Map<string, Bitset>();
  for (const [facet, values] of query.filters) filterSets.set(facet, filterSet(index, facet, values));
  const matching = intersectFilters(base, filterSets, null);
  const total = matching.size();

  const sort = search ? query.tri : query.tri === 'pertinence' ? 'titre' : query.tri;
  const start = (query.page - 1) * query.parPage;
  const pageIds =
    sort === 'pertinence' && search?.expression
      ? pageByRelevance(catalogue, search.expression, matching, index.titleRanks(), start, query.parPage)
      : pageInOrder(matching, sort === 'modifie' ? index.byModified() : index.byTitle(), start, query.parPage);

  // Everything read from memory is read before the one await below: a sync may change the
  // facet index while the bodies are fetched, and the answer must stay consistent.
  const summaries = pageIds.map((id) => index.summary(id)!);
  const facettes = countFacets(index, ontology, base, filterSets, query.filters);
  const matcher = parsed && search ? termMatcher(parsed) : null;
  // Bodies are only read for excerpts around matched words; without a query the résumé is shown.
  const texts = matcher ? await getBodyTexts(catalogue.db, pageIds) : new Map<number, string>();
  return {
    total,
    page: query.page,
    parPage: query.parPage,
    resultats: summaries.map((summary) => ({ summary, extrait: excerptOf(texts.get(summary.id) ?? '', summary.resume, matcher) })),
    facettes,
    rechercheElargie: search?.widened ?? false,
  };
}

interface FullTextResult {
  hits: Bitset;
  /** The expression that found the hits (the widened one when it was used), for ranking. */
  expression: string | null;
  widened: boolean;
}

function runFullText(catalogue: Catalogue, parsed: ParsedQuery): FullTextResult {
  const { visible } = catalogue.facets;
  // Private fiches are dropped here, not later: a private fiche holding every word must not
  // stop the widening, or the answer would tell what private fiches contain.
  const visibleHits = (expression: string) => {
    const hits = new Bitset(0);
    for (const id of matchFullTextIds(catalogue.sqlite, expression)) if (visible.has(id)) hits.add(id);
    return hits;
  };
  let expression = requiredExpression(parsed, 'et');
  let widened = false;
  let hits: Bitset;
  if (expression) {
    hits = visibleHits(expression);
    if (hits.size() === 0 && parsed.required.length > 1) {
      widened = true;
      expression = requiredExpression(parsed, 'ou')!;
      hits = visibleHits(expression);
    }
  } else {
    hits = visible.clone(); // only exclusions: start from everything
  }
  const excluded = excludedExpression(parsed);
  if (excluded) for (const id of matchFullTextIds(catalogue.sqlite, excluded)) hits.delete(id);
  return { hits, expression, widened };
}

function pageInOrder(matching: Bitset, order: Int32Array, start: number, count: number): number[] {
  const out: number[] = [];
  let seen = 0;
  for (const id of order) {
    if (!matching.has(id)) continue;
    if (seen++ < start) continue;
    out.push(id);
    if (out.length === count) break;
  }
  return out;
}
