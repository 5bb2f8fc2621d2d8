// GET /api/fiches as a domain function: full-text hits (FTS5) ∩ visible fiches ∩ facet filters,
// sorted and paged, with disjunctive facet counts and highlighted excerpts.
import type { Catalogue } from '../index/catalogue.js';
import { Bitset } from '../index/bitset.js';
import type { FicheSummary } from '../index/facet-index.js';
import { getBodyTexts } from '../db/fiches-repository.js';
import { matchFullText, matchFullTextIds } from '../db/search-repository.js';
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
  const pageIds = sort === 'pertinence' && search ? pageByScore(matching, search.scores, index.titleRanks(), start, query.parPage) : pageInOrder(matching, sort === 'modifie' ? index.byModified() : index.byTitle(), start, query.parPage);

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
  /** BM25 score by fiche id (NaN where the fiche did not match). */
  scores: Float64Array;
  widened: boolean;
}

function runFullText(catalogue: Catalogue, parsed: ParsedQuery): FullTextResult {
  const { visible } = catalogue.facets;
  const hits = new Bitset(0);
  let scores = new Float64Array(0);
  let widened = false;
  // Private fiches are dropped here, not later: a private fiche holding every word must not
  // stop the widening, or the answer would tell what private fiches contain.
  const collect = (expression: string) => {
    const found = matchFullText(catalogue.sqlite, expression);
    let max = 0;
    for (const id of found.ids) max = Math.max(max, id);
    scores = new Float64Array(max + 1).fill(Number.NaN);
    found.ids.forEach((id, i) => {
      if (!visible.has(id)) return;
      hits.add(id);
      scores[id] = found.scores[i]!;
    });
  };
  const strict = requiredExpression(parsed, 'et');
  if (strict) {
    collect(strict);
    if (hits.size() === 0 && parsed.required.length > 1) {
      widened = true;
      collect(requiredExpression(parsed, 'ou')!);
    }
  } else {
    hits.unite(visible); // only exclusions: start from everything
  }
  const excluded = excludedExpression(parsed);
  if (excluded) for (const id of matchFullTextIds(catalogue.sqlite, excluded)) hits.delete(id);
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

function pageByScore(matching: Bitset, scores: Float64Array, titleRanks: Int32Array, start: number, count: number): number[] {
  const ids = Int32Array.from(matching.toArray());
  const score = (id: number) => (id < scores.length && !Number.isNaN(scores[id]!) ? scores[id]! : 0);
  ids.sort((a, b) => score(a) - score(b) || titleRanks[a]! - titleRanks[b]!);
  return Array.from(ids.subarray(start, start + count));
}
