// The fiche as it is on disk right now (the source of truth, whatever the index says): which
// type folder holds the slug, its text and its revision. Read under the save lock, so that the
// compare-and-swap of a save compares with what is really there.
import fs from 'node:fs';
import path from 'node:path';
import { FICHE_TYPES, type FicheType } from '../content/paths.js';
import { splitFrontMatter } from '../content/front-matter.js';
import { digestOf } from '../index/read-source.js';
import { revisionOf } from '../index/publish.js';

export interface CurrentFiche {
  type: FicheType;
  relPath: string;
  text: string;
  revision: string;
  /** Null when the file on disk does not parse (it can still be replaced by a valid one). */
  frontMatter: Record<string, unknown> | null;
}

export function ficheRelPath(type: FicheType, slug: string): string {
  return `${type}/${slug}.md`;
}

/** The revision a text gets once written (the one the read API announces in ETag). */
export function revisionOfText(text: string): string {
  return revisionOf({ digest: digestOf(text) });
}

export function findCurrentFiche(contentDir: string, slug: string): CurrentFiche | null {
  for (const type of FICHE_TYPES) {
    const relPath = ficheRelPath(type, slug);
    let text: string;
    try {
      const file = path.join(contentDir, relPath);
      if (!fs.lstatSync(file).isFile()) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    return { type, relPath, text, revision: revisionOfText(text), frontMatter: frontMatterOf(text) };
  }
  return null;
}

function frontMatterOf(text: string): Record<string, unknown> | null {
  const split = splitFrontMatter(text);
  return split.problems.length === 0 ? (split.data ?? null) : null;
}
