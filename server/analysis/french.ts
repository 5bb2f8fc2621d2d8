// The French analyser shared by indexing, queries and excerpts (and, later, the browser index):
// lower-case, elisions split off (l' d' qu' … with ' or ’), accents folded, stop words dropped,
// Snowball French stemmer from lunr-languages. Folding happens before stemming so that a word
// typed without its accents stems exactly like the accented word.
import lunr from 'lunr';
import lunrStemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import lunrFr from 'lunr-languages/lunr.fr.js';
import { FRENCH_STOP_WORDS } from './stop-words.js';

lunrStemmerSupport(lunr);
lunrFr(lunr);
/** lunr with the French language registered (once per process: lunr warns on a second time). */
export { lunr };
const frenchStemmer = (lunr as unknown as { fr: { stemmer: (token: lunr.Token) => lunr.Token } }).fr.stemmer;

/** A word of the original text: where it is, and the term it analyses to (null: not indexed). */
export interface WordSpan {
  start: number;
  end: number;
  term: string | null;
}

// Letters and digits, with apostrophes inside words (aujourd'hui, d'expérience).
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
/** An elided article or pronoun at the start of a word (l’, d’, qu’, jusqu’…), any case. */
export const ELIDED_PREFIX = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’]/i;
const MAX_WORD_LENGTH = 40;

/** Lower-case, decompose, drop combining marks, expand ligatures. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}

const WORD_CACHE_LIMIT = 100_000;
const wordCache = new Map<string, string | null>();

/** The index term of one word, or null for stop words and noise. */
export function analyseWord(word: string): string | null {
  // Words repeat a lot (indexing, queries, excerpts): folding and stemming each spelling once.
  const cached = wordCache.get(word);
  if (cached !== undefined) return cached;
  const term = analyseNewWord(word);
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(word, term);
  return term;
}

function analyseNewWord(word: string): string | null {
  let folded = foldText(word);
  folded = folded.replace(ELIDED_PREFIX, '');
  folded = folded.replace(/['’]/g, '');
  if (folded.length === 0 || folded.length > MAX_WORD_LENGTH) return null;
  if (FRENCH_STOP_WORDS.has(folded)) return null;
  if (folded.length === 1 && !/\d/.test(folded)) return null;
  return stem(folded);
}

function stem(word: string): string {
  return /^\d+$/.test(word) ? word : frenchStemmer(new lunr.Token(word, {})).toString();
}

/** Every word of a text with its offsets and term. */
export function analyseSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    spans.push({ start, end: start + match[0].length, term: analyseWord(match[0]) });
  }
  return spans;
}

/** The terms of a text, in order (what the full-text index stores and queries look for). */
export function analyse(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = analyseWord(match[0]);
    if (term !== null) terms.push(term);
  }
  return terms;
}
