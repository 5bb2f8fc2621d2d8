// GET /api/fiches as a domain function: full-text hits (FTS5) ∩ visible fiches ∩ facet filters,
// sorted and paged, with disjunctive facet counts and highlighted excerpts.
import type { Catalogue } from '../index/catalogue.js';
import { Bitset } from '../index/bitset.js';
import type { FicheSummary } from '../index/facet-index.js';
import { getBodyTexts } from '../db/fiches-repository.js';
import { matchFullText } from '../db/search-repository.js';
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
  const search = parsed && !isEmptyQuery(parsed) ? await runFullText(catalogue, parsed) : null;
  const base = index.visible.clone();
  if (search) base.intersect(search.hits);

  const filterSets = new Map<string, Bitset>();
  for (const [facet, values] of query.filters) filterSets.set(facet, filterSet(index, facet, values));
  const matching = intersectFilters(base, filterSets, null);
  const total = matching.size();

  const sort = search ? query.tri : query.tri === 'pertinence' ? 'titre' : query.tri;
  const start = (query.page - 1) * query.parPage;
  const pageIds = sort === 'pertinence' && search ? pageByScore(matching, search.scores, index.titleRanks(), start, query.parPage) : pageInOrder(matching, sort === 'modifie' ? index.byModified() : index.byTitle(), start, query.parPage);

  const matcher = parsed && search ? termMatcher(parsed) : null;
  // Bodies are only read for excerpts around matched words; without a query the résumé is shown.
  const texts = matcher ? await getBodyTexts(catalogue.db, pageIds) : new Map<number, string>();
  return {
    total,
    page: query.page,
    parPage: query.parPage,
    resultats: pageIds.map((id) => {
      const summary = index.summary(id)!;
      return { summary, extrait: excerptOf(texts.get(id) ?? '', summary.resume, matcher) };
    }),
    facettes: countFacets(index, ontology, base, filterSets, query.filters),
    rechercheElargie: search?.widened ?? false,
  };
}

interface FullTextResult {
  hits: Bitset;
  scores: Map<number, number>;
  widened: boolean;
}

async function runFullText(catalogue: Catalogue, parsed: ParsedQuery): Promise<FullTextResult> {
  const scores = new Map<number, number>();
  let widened = false;
  const strict = requiredExpression(parsed, 'et');
  if (strict) {
    for (const hit of await matchFullText(catalogue.db, strict)) scores.set(hit.id, hit.score);
    if (scores.size === 0 && parsed.required.length > 1) {
      widened = true;
      for (const hit of await matchFullText(catalogue.db, requiredExpression(parsed, 'ou')!)) scores.set(hit.id, hit.score);
    }
  }
  const hits = new Bitset(0);
  if (strict) for (const id of scores.keys()) hits.add(id);
  else for (const id of catalogue.facets.visible) hits.add(id); // only exclusions: start from everything
  const excluded = excludedExpression(parsed);
  if (excluded) for (const hit of await matchFullText(catalogue.db, excluded)) hits.delete(hit.id);
  return { hits, scores, widened };
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

function pageByScore(matching: Bitset, scores: Map<number, number>, titleRanks: Int32Array, start: number, count: number): number[] {
  const ids = [...matching].sort((a, b) => (scores.get(a) ?? 0) - (scores.get(b) ?? 0) || titleRanks[a]! - titleRanks[b]!);
  return ids.slice(start, start + count);
}
