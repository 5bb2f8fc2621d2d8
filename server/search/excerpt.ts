// The `extrait` of a search result: a window of the original text (not the analysed one) around
// the words that matched, those words wrapped in <mark>, everything else escaped.
import MarkdownIt from 'markdown-it';
import { ELIDED_PREFIX, analyseSpans, type WordSpan } from '../analysis/french.js';
import type { ParsedQuery } from './parse-query.js';

const { escapeHtml } = new MarkdownIt().utils;
const WINDOW_WORDS = 30;
const LEAD_WORDS = 6;
const MAX_SCAN_CHARS = 20_000;

export interface TermMatcher {
  matches(term: string): boolean;
}

export function termMatcher(query: ParsedQuery): TermMatcher {
  const exact = new Set(query.required.flat());
  const lastGroup = query.required[query.required.length - 1];
  const prefix = query.prefixLast && lastGroup?.length === 1 ? lastGroup[0]! : null;
  return { matches: (term) => exact.has(term) || (prefix !== null && term.startsWith(prefix)) };
}

/**
 * The excerpt of a result: from the body around the matched words; from the résumé when only
 * the résumé matched (or when there is no query); otherwise the start of the body.
 */
export function excerptOf(bodyText: string, resume: string, matcher: TermMatcher | null): string {
  if (!matcher) return escapeHtml(resume);
  const body = windowed(bodyText, matcher);
  if (body.hits > 0) return body.html;
  const fromResume = windowed(resume, matcher);
  return fromResume.hits > 0 ? fromResume.html : body.html || escapeHtml(resume);
}

function windowed(text: string, matcher: TermMatcher | null): { html: string; hits: number } {
  const source = text.slice(0, MAX_SCAN_CHARS).replace(/\s+/g, ' ').trim();
  const spans = analyseSpans(source);
  if (spans.length === 0) return { html: '', hits: 0 };
  const hits = matcher ? spans.map((s, i) => (s.term !== null && matcher.matches(s.term) ? i : -1)).filter((i) => i >= 0) : [];
  const start = hits.length > 0 ? bestWindowStart(spans, hits) : 0;
  const end = Math.min(spans.length, start + WINDOW_WORDS);
  const hitSet = new Set(hits);
  let html = start > 0 ? '… ' : escapeHtml(source.slice(0, spans[0]!.start));
  let cursor = spans[start]!.start;
  for (let i = start; i < end; i++) {
    const span = spans[i]!;
    html += escapeHtml(source.slice(cursor, span.start));
    const word = source.slice(span.start, span.end);
    html += hitSet.has(i) ? markedWord(word) : escapeHtml(word);
    cursor = span.end;
  }
  if (end < spans.length) html += ' …';
  else html += escapeHtml(source.slice(cursor));
  return { html, hits: hits.length };
}

function markedWord(word: string): string {
  // The elided article stays outside the mark: l’<mark>écologie</mark>.
  const article = ELIDED_PREFIX.exec(word)?.[0] ?? '';
  return `${escapeHtml(article)}<mark>${escapeHtml(word.slice(article.length))}</mark>`;
}

/** Start of the window holding the most distinct matched terms, with a little lead-in. */
function bestWindowStart(spans: WordSpan[], hits: number[]): number {
  let best = Math.max(0, hits[0]! - LEAD_WORDS);
  let bestScore = -1;
  for (const hit of hits) {
    const start = Math.max(0, hit - LEAD_WORDS);
    const terms = new Set<string>();
    for (const other of hits) if (other >= start && other < start + WINDOW_WORDS) terms.add(spans[other]!.term!);
    if (terms.size > bestScore) {
      bestScore = terms.size;
      best = start;
    }
  }
  return best;
}
