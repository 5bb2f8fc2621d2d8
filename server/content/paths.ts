// Where things live in the content folder, and the slug rule. Every path built from user or
// file-system input goes through here, so that nothing escapes the content root.
import path from 'node:path';

export const FICHE_TYPES = ['commun', 'outil', 'methode', 'retour-experience'] as const;
export type FicheType = (typeof FICHE_TYPES)[number];

export const ONTOLOGY_FOLDER = 'ontologie';
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 80;

export function isFicheType(value: unknown): value is FicheType {
  return typeof value === 'string' && (FICHE_TYPES as readonly string[]).includes(value);
}

export function isValidSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}

export type ContentEntry =
  | { kind: 'fiche'; type: FicheType; slug: string }
  | { kind: 'vocabulaire'; id: string }
  | { kind: 'fiche-mal-nommee'; type: FicheType; name: string };

/**
 * Classifies a path relative to the content root (POSIX separators). Files the forge does not
 * own (README, images, dot-files…) give null and are left alone.
 */
export function classifyContentPath(relPath: string): ContentEntry | null {
  const parts = relPath.split('/');
  if (parts.length !== 2) return null;
  const [folder, name] = parts as [string, string];
  if (name.startsWith('.')) return null;
  if (folder === ONTOLOGY_FOLDER) {
    if (!name.endsWith('.yaml')) return null;
    return { kind: 'vocabulaire', id: name.slice(0, -'.yaml'.length) };
  }
  if (!isFicheType(folder) || !name.toLowerCase().endsWith('.md')) return null;
  const slug = name.slice(0, -3);
  if (!name.endsWith('.md') || !isValidSlug(slug)) return { kind: 'fiche-mal-nommee', type: folder, name };
  return { kind: 'fiche', type: folder, slug };
}

/** Absolute path of a relative content path, refusing anything that would leave the root. */
export function resolveInside(root: string, relPath: string): string {
  const absolute = path.resolve(root, relPath);
  const rel = path.relative(root, absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || relPath.includes('\0')) {
    throw new Error(`path escapes the content root: ${JSON.stringify(relPath)}`);
  }
  return absolute;
}
