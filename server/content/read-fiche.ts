// Reading a fiche file: front matter (through the one safe wrapper) and what the index needs
// from the body. The result is cached in the index database, keyed by the file's digest, so a
// change of the ontology re-validates fiches without reading them again.
import { parseBody, type WikiLinkUse } from '../markdown/renderer.js';
import { splitFrontMatter } from './front-matter.js';
import type { LineProblem } from './problem.js';

export interface FicheReading {
  frontMatter: Record<string, unknown> | null;
  /** JSON pointer → line in the file. */
  lines: Record<string, number>;
  body: string;
  bodyLine: number;
  /** Plain text of the body (search, excerpts). */
  text: string;
  /** Wiki links with their line in the file. */
  wikiLinks: WikiLinkUse[];
  problems: LineProblem[];
}

export const MAX_FICHE_BYTES = 1024 * 1024;

export function readFiche(source: string): FicheReading {
  const split = splitFrontMatter(source);
  const body = parseBody(split.body);
  return {
    frontMatter: split.data ?? null,
    lines: split.lines,
    body: split.body,
    bodyLine: split.bodyLine,
    text: body.text,
    wikiLinks: body.wikiLinks.map((link) => ({ slug: link.slug, line: link.line + split.bodyLine - 1 })),
    problems: split.problems,
  };
}
