// Builds FTS5 MATCH expressions from parsed terms. Every term is quoted, so nothing the user
// typed can be read as FTS5 syntax.
import type { ParsedQuery } from './parse-query.js';

function quoteGroup(terms: string[]): string {
  return `"${terms.join(' ').replace(/"/g, '""')}"`;
}

/** All required groups (AND), or any of them (OR) for the widened search. */
export function requiredExpression(query: ParsedQuery, mode: 'et' | 'ou'): string | null {
  if (query.required.length === 0) return null;
  const parts = query.required.map((group, i) => {
    const quoted = quoteGroup(group);
    const isLast = i === query.required.length - 1;
    return isLast && query.prefixLast && group.length === 1 ? `${quoted}*` : quoted;
  });
  return parts.join(mode === 'et' ? ' AND ' : ' OR ');
}

export function excludedExpression(query: ParsedQuery): string | null {
  if (query.excluded.length === 0) return null;
  return query.excluded.map(quoteGroup).join(' OR ');
}
