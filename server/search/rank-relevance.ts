// Relevance order. Fiches holding the words in their title or résumé come first, ranked by BM25
// among themselves, then fiches holding them in the body only — what BM25's column weights
// (title 10, résumé 4, body 1) give in practice, made explicit so that the first page of a
// common word needs BM25 over the few title/résumé matches, not over every hit (5 ms for 6,000
// hits at 10,000 fiches). Within a tier, equal scores are ordered by title.
import type { Bitset } from '../index/bitset.js';
import type { Catalogue } from '../index/catalogue.js';
import { rankFullText } from '../db/search-repository.js';

const FIRST_RANKED = 200;

export function pageByRelevance(catalogue: Catalogue, expression: string, matching: Bitset, titleRanks: Int32Array, start: number, count: number): number[] {
  const needed = start + count;
  const none = new Set<number>();
  const head = rankTier(catalogue, `{titre resume} : (${expression})`, matching, none, titleRanks, needed);
  if (head.length >= needed) return head.slice(start, needed);
  const body = rankTier(catalogue, expression, matching, new Set(head), titleRanks, needed - head.length);
  return [...head, ...body].slice(start, needed);
}

/**
 * The `needed` best fiches of a tier that pass the filters (all of them if fewer), best first.
 * BM25 is asked for the best k rows only, k growing until enough pass, and until the last row
 * scores strictly worse than the last one needed, so that every tie at that boundary is in hand
 * and pages never overlap.
 */
function rankTier(catalogue: Catalogue, expression: string, matching: Bitset, exclude: Set<number>, titleRanks: Int32Array, needed: number): number[] {
  if (needed <= 0) return [];
  for (let limit = Math.max(FIRST_RANKED, needed * 2); ; limit *= 8) {
    const rows = rankFullText(catalogue.sqlite, expression, limit);
    const ranked = rows.filter(([id]) => matching.has(id) && !exclude.has(id));
    const exhausted = rows.length < limit;
    const boundary = ranked[needed - 1];
    if (exhausted || (boundary !== undefined && rows[rows.length - 1]![1] > boundary[1])) {
      ranked.sort((a, b) => a[1] - b[1] || titleRanks[a[0]]! - titleRanks[b[0]]!);
      return ranked.slice(0, needed).map(([id]) => id);
    }
  }
}
