// Reading a fiche file: front matter (through the one safe wrapper) and what the index needs
// from the body. The result is cached in the index database, keyed by the file's digest, so a
// change of the ontology re-validates fiches without reading them again.
import { parseBody, type WikiLinkUse } from '../markdown/renderer.js';
import { splitFrontMatter } from './front-matter.js';
import { nearestLine, parseYamlFast, parseYamlSafe } from './yaml-safe.js';
import type { LineProblem } from './problem.js';

export interface FicheReading {
  frontMatter: Record<string, unknown> | null;
  /** The front matter as written: lines of problems are looked up in it (lineOfPointer). */
  frontMatterText: string;
  body: string;
  bodyLine: number;
  /** Plain text of the body (search, excerpts). */
  text: string;
  /** Wiki links with their line in the file. */
  wikiLinks: WikiLinkUse[];
  problems: LineProblem[];
}

export const MAX_FICHE_BYTES = 1024 * 1024;

/** What the parse cache keeps of a reading: the file split, not what is cheap to derive again. */
type StoredReading = Omit<FicheReading, 'frontMatter' | 'text'>;

/**
 * The reading as stored in the index (sources.lecture). The parsed front matter and the plain
 * text are left out (a third of the row): they come back from the stored text in tens of
 * microseconds, and only an ontology change or a republication needs them.
 */
export function storeReading(reading: FicheReading): string {
  const { frontMatter: _frontMatter, text: _text, ...stored } = reading;
  return JSON.stringify(stored satisfies StoredReading);
}

export function restoreReading(json: string): FicheReading {
  const stored = JSON.parse(json) as StoredReading;
  const frontMatter = stored.problems.length === 0 && stored.frontMatterText ? parseYamlFast(stored.frontMatterText).data : undefined;
  return {
    ...stored,
    frontMatter: frontMatter && typeof frontMatter === 'object' && !Array.isArray(frontMatter) ? (frontMatter as Record<string, unknown>) : stored.problems.length === 0 ? {} : null,
    text: parseBody(stored.body).text,
  };
}

export function readFiche(source: string): FicheReading {
  const split = splitFrontMatter(source);
  const body = parseBody(split.body);
  return {
    frontMatter: split.data ?? null,
    frontMatterText: split.frontMatterText,
    body: split.body,
    bodyLine: split.bodyLine,
    text: body.text,
    wikiLinks: body.wikiLinks.map((link) => ({ slug: link.slug, line: link.line + split.bodyLine - 1 })),
    problems: split.problems,
  };
}

const lineMaps = new WeakMap<FicheReading, Record<string, number>>();

/**
 * The file line of a JSON pointer of the front matter (the nearest enclosing key when the
 * pointer names nothing). Parsed with the line-keeping parser, only when a problem needs it.
 */
export function lineOfPointer(reading: FicheReading, pointer: string): number {
  let lines = lineMaps.get(reading);
  if (!lines) {
    lines = reading.frontMatterText ? parseYamlSafe(reading.frontMatterText).lines : {};
    lineMaps.set(reading, lines);
  }
  return nearestLine(lines, pointer);
}
