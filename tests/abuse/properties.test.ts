// Abuse and bad input (issue 3, part 4): property tests. Random text — ASCII, full Unicode, lone
// surrogates, and sequences of tokens mixing FTS5 and Lunr operators with quotes and French words
// — thrown at the French analyser, the query parser, the excerpt and the FTS5 expression builder
// directly, and at `q` through the app. Never an exception, never a 5xx, each call bounded in
// time; spans in order, within bounds and covering every word; terms made of letters and digits.
// Fixed seed and bounded runs: the same few seconds on every run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse, analyseSpans, analyseWord } from '../../server/analysis/french.js';
import { excerptOf, termMatcher } from '../../server/search/excerpt.js';
import { excludedExpression, requiredExpression } from '../../server/search/fts-expression.js';
import { MAX_QUERY_CHARS, parseQuery } from '../../server/search/parse-query.js';
import { useSharedApp } from '../helpers/app.js';
import { SAMPLE_CONTENT } from '../helpers/content.js';

const SEED = 20_240_201;
// A call over its time budget (a GC pause on a loaded machine) would start a shrink that re-runs
// the property thousands of times (synchronously, so vitest's timeout cannot stop it): bounded
// below that timeout, it fails the test instead of hanging CI.
fc.configureGlobal({ interruptAfterTimeLimit: 15_000, markInterruptAsFailure: true });
const CALL_BUDGET_MS = 200;
const LETTERS_AND_DIGITS = /^[\p{L}\p{N}]+$/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Runs `call` and fails when it takes longer than the per-call budget. */
function timed<T>(label: string, call: () => T): T {
  const start = performance.now();
  const result = call();
  const ms = performance.now() - start;
  if (ms >= CALL_BUDGET_MS) throw new Error(`${label} took ${Math.round(ms)} ms`);
  return result;
}

async function timedAsync<T>(label: string, call: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await call();
  const ms = performance.now() - start;
  if (ms >= CALL_BUDGET_MS) throw new Error(`${label} took ${Math.round(ms)} ms`);
  return result;
}

// --- Arbitraries ---------------------------------------------------------------------------

/** Any UTF-16 code unit, lone surrogates included (JS strings allow them; URLs do not). */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const OPERATORS = [
  'AND', 'OR', 'NOT', 'NEAR', 'NEAR(', 'NEAR/3', '(', ')', '"', '«', '»', '“', '”', '*', '^', '^2', '~', '~100', ':', 'title:', 'titre:',
  'a:b:c', '+', '-', '--', '{', '}', '[', ']', '\\', "'", '’', '|', '&', '!', '?', '%', '%00', '\u0000', '\u200b', '\u202e', '🌱', '👩‍👩‍👧',
  '-"', '"-', 'foo~100', 'abcdefghijklmnop~5', '*:*', '{titre resume}:', 'col:"x"',
];
const WORDS = [
  'jardin', 'jardins', 'l’école', "l'école", 'd’expérience', "qu'il", 'aujourd’hui', 'tiers-lieux', 'œuvre', 'ÉCOLE', 'Ça', 'coopération',
  'forum', 'ouvert', 'cercle', 'dialogue', 'café', 'cafe\u0301', 'ｃａｆｅ', 'ß', 'İstanbul', 'ǅ', '2024', '١٢٣', 'مرحبا', 'שלום', '漢字',
  'a', 'le', 'de', 'x'.repeat(60),
];
const token = fc.oneof(fc.constantFrom(...OPERATORS), fc.constantFrom(...WORDS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }));
const separator = fc.constantFrom(' ', '', '  ', '\t', '\n', '-', '"', ':');
/** Sequences of tokens: what a user (or an attacker) types into a search box. */
const tokenQuery = fc.array(fc.tuple(token, separator), { maxLength: 40 }).map((parts) => parts.map(([t, s]) => t + s).join(''));

/** Every kind of text, from short to past the parser's bound. */
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: anyCodeUnit, maxLength: 200 }),
  tokenQuery,
  fc.string({ unit: 'binary', minLength: 1000, maxLength: 3000 }),
);

/** Text that can travel in a URL (no lone surrogates: encodeURIComponent refuses them). */
const urlText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), tokenQuery, fc.string({ unit: 'binary', minLength: 1000, maxLength: 2500 }));

// --- The analyser --------------------------------------------------------------------------

describe('the French analyser on any text', () => {
  it('analyse: never throws, bounded time, terms made of letters and digits only', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const terms = timed('analyse', () => analyse(text));
        for (const term of terms) {
          expect(term).toMatch(LETTERS_AND_DIGITS);
          expect(term.length).toBeGreaterThan(0);
        }
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('analyseSpans: spans in order, within bounds, one per word, covering every letter and digit', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const spans = timed('analyseSpans', () => analyseSpans(text));
        let previousEnd = 0;
        let uncovered = '';
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          const word = text.slice(span.start, span.end);
          // A span starts and ends on a letter or digit and its term is that word's term.
          expect(word).toMatch(/^[\p{L}\p{N}]/u);
          expect(word).toMatch(/[\p{L}\p{N}]$/u);
          expect(span.term).toBe(analyseWord(word));
          uncovered += text.slice(previousEnd, span.start);
          previousEnd = span.end;
        }
        uncovered += text.slice(previousEnd);
        // Nothing indexable is left between the spans.
        expect(uncovered).not.toMatch(WORD_CHAR);
        // The terms of the spans are exactly what `analyse` returns, in order.
        expect(spans.map((s) => s.term).filter((t) => t !== null)).toEqual(analyse(text));
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });
});

// --- The query parser and what is built from it -------------------------------------------

describe('the query parser on any text', () => {
  it('never throws, bounded time, bounded groups of analysed terms', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = timed('parseQuery', () => parseQuery(text));
        expect(parsed.required.length + parsed.excluded.length).toBeLessThanOrEqual(16);
        const allowed = new Set(analyse(text.slice(0, MAX_QUERY_CHARS).replace(/[«»“”„]/g, '"')));
        for (const group of [...parsed.required, ...parsed.excluded]) {
          expect(group.length).toBeGreaterThan(0);
          for (const term of group) {
            expect(term).toMatch(LETTERS_AND_DIGITS);
            expect(allowed.has(term), `${term} comes from the text`).toBe(true);
          }
        }
        if (parsed.prefixLast) expect(parsed.required.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('the FTS5 expressions quote every term: balanced quotes, no bare operator', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseQuery(text);
        for (const expression of [requiredExpression(parsed, 'et'), requiredExpression(parsed, 'ou'), excludedExpression(parsed)]) {
          if (expression === null) continue;
          // Outside the quoted strings only AND / OR, spaces and the final prefix star remain.
          const outside = expression.replace(/"(?:[^"]|"")*"/g, '');
          expect(outside).toMatch(/^(?:\s|AND|OR|\*)*$/);
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('excerpts escape everything but <mark>', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.oneof(tokenQuery, anyText), (body, resume, query) => {
        const html = timed('excerptOf', () => excerptOf(body, resume, termMatcher(parseQuery(query))));
        expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

// --- q through the app ---------------------------------------------------------------------

describe('q through the app', () => {
  const app = useSharedApp(() => ({ contentDir: SAMPLE_CONTENT }));

  const search = async (url: string) => {
    const res = await timedAsync(url.slice(0, 80), () => app().inject(url));
    // `q` is never an error (contract §4), whatever it holds.
    expect(res.statusCode, url.slice(0, 200)).toBe(200);
    return res;
  };

  it('GET /api/fiches?q=…: always 200 with a result list, bounded time', async () => {
    await app().inject('/api/fiches?q=warm+up'); // the first request compiles and fills caches: not timed
    await fc.assert(
      fc.asyncProperty(urlText, async (text) => {
        const res = await search(`/api/fiches?q=${encodeURIComponent(text)}`);
        const body = res.json() as { total: number; resultats: Array<{ extrait: string }> };
        expect(body.total).toBeGreaterThanOrEqual(0);
        for (const r of body.resultats) expect(r.extrait.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('GET /fiches?q=…: always a 200 page, the query never echoed unescaped', async () => {
    await app().inject('/fiches?q=warm+up'); // not timed, as above
    await fc.assert(
      fc.asyncProperty(fc.oneof(tokenQuery, fc.string({ unit: 'binary', maxLength: 100 })), async (text) => {
        const res = await search(`/fiches?q=${encodeURIComponent(`${text}<script>alert(1)</script>`)}`);
        expect(res.body).not.toContain('<script>alert(1)');
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('raw (not %-encoded) query strings: 200, or 400 for a malformed %-encoding, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), async (raw) => {
        // `#` would end the URL and spaces are not allowed in it: everything else goes as typed.
        const url = `/api/fiches?q=${raw.replace(/[#\s]/g, '+')}`;
        const res = await timedAsync(url, () => app().inject(url));
        if (raw.includes('&')) expect([200, 400], url).toContain(res.statusCode); // `&x=` may add an unknown parameter
        else expect(res.statusCode === 200 || (res.statusCode === 400 && /%/.test(raw)), `${url} → ${res.statusCode}`).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
