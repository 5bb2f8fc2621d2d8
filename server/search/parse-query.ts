// User text → search terms. Any text is accepted: quotes make phrases, a leading minus
// excludes a word, everything else (operators, `*`, `~`, `:`…) is plain text that the analyser
// reduces to words. Bounded, so that 2,000 characters of garbage cost microseconds.
import { analyse } from '../analysis/french.js';

export interface ParsedQuery {
  /** Groups that must all match; a group of several terms is a phrase. */
  required: string[][];
  excluded: string[][];
  /** The last required group is a single word the user may still be typing. */
  prefixLast: boolean;
}

export const MAX_QUERY_CHARS = 1000;
const MAX_GROUPS = 16;

export function parseQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY_CHARS).replace(/[«»“”„]/g, '"');
  const required: string[][] = [];
  const excluded: string[][] = [];
  let lastWasBareWord = false;
  // A phrase in quotes (closed or not), or a run of non-space characters.
  const chunk = /(-?)"([^"]*)"?|(\S+)/g;
  for (const match of text.matchAll(chunk)) {
    const negated = match[1] === '-' || (match[3]?.startsWith('-') ?? false);
    const raw = match[2] ?? match[3]!.replace(/^-+/, '');
    const terms = analyse(raw);
    if (terms.length === 0) {
      // "jardin de": the user has finished "jardin", so it is not a prefix any more.
      lastWasBareWord = false;
      continue;
    }
    const target = negated ? excluded : required;
    if (match[2] !== undefined) {
      target.push(terms);
      lastWasBareWord = false;
    } else {
      // `tiers-lieux` or `a:b:c` give several words: each must match.
      terms.forEach((t) => target.push([t]));
      lastWasBareWord = !negated;
    }
    if (required.length + excluded.length >= MAX_GROUPS) break;
  }
  return {
    required: required.slice(0, MAX_GROUPS),
    excluded: excluded.slice(0, MAX_GROUPS),
    prefixLast: lastWasBareWord && !/\s$/.test(text),
  };
}

export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.required.length === 0 && query.excluded.length === 0;
}
