// Titles for the relation picker of the edit form: every word typed must start a word of the
// title or of the slug (accents and case ignored), so « jard part » finds « Jardins partagés ».
// A title that starts with the whole query comes first, then the title order. Public fiches
// only. The folded titles are kept per title order: rebuilt only when the catalogue changes.
import { foldText } from '../analysis/french.js';
import { isValidSlug } from '../content/paths.js';
import type { FacetIndex } from '../index/facet-index.js';

export interface TitleSuggestion {
  slug: string;
  titre: string;
  type: string;
}

interface FoldedTitle {
  id: number;
  folded: string;
  words: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 5;
const foldedByOrder = new WeakMap<Int32Array, FoldedTitle[]>();

function wordsOf(folded: string): string[] {
  return folded.match(WORD) ?? [];
}

function foldedTitles(facets: FacetIndex): FoldedTitle[] {
  const order = facets.byTitle();
  let folded = foldedByOrder.get(order);
  if (!folded) {
    folded = [];
    for (const id of order) {
      if (!facets.visible.has(id)) continue;
      const { titre, slug } = facets.summary(id)!;
      const title = foldText(titre);
      folded.push({ id, folded: title, words: [...wordsOf(title), ...slug.split('-')] });
    }
    foldedByOrder.set(order, folded);
  }
  return folded;
}

export function suggestTitles(facets: FacetIndex, text: string, limit: number): TitleSuggestion[] {
  const query = foldText(text).trim();
  // A few distinct words are enough to pick a title, and bound the work of one request.
  const typed = [...new Set(wordsOf(query))].slice(0, MAX_WORDS);
  if (typed.length === 0) return [];
  const first: number[] = [];
  const others: number[] = [];
  for (const title of foldedTitles(facets)) {
    if (!typed.every((word) => title.words.some((w) => w.startsWith(word)))) continue;
    (title.folded.startsWith(query) ? first : others).push(title.id);
    if (first.length >= limit) break;
  }
  return [...first, ...others].slice(0, limit).map((id) => {
    const { slug, titre, type } = facets.summary(id)!;
    return { slug, titre, type };
  });
}

/**
 * What someone typed in a relation's fiche input, as a slug: a slug is kept as typed (even one no
 * fiche has yet: a link may wait for its fiche); other text becomes the slug of the one public
 * fiche with exactly that title (accents and case aside), or stays as typed for the validator.
 */
export function slugOfTyped(facets: FacetIndex, typed: string): string {
  if (isValidSlug(typed)) return typed;
  return slugsByTitle(facets).get(foldText(typed).trim()) ?? typed;
}

const slugsByOrder = new WeakMap<Int32Array, Map<string, string | undefined>>();

/** Folded title → slug, undefined when two public fiches share the title. */
function slugsByTitle(facets: FacetIndex): Map<string, string | undefined> {
  const order = facets.byTitle();
  let slugs = slugsByOrder.get(order);
  if (!slugs) {
    slugs = new Map();
    for (const title of foldedTitles(facets)) slugs.set(title.folded, slugs.has(title.folded) ? undefined : facets.summary(title.id)!.slug);
    slugsByOrder.set(order, slugs);
  }
  return slugs;
}
