// A fiche as written by the forge: the JSON body of a write request (or a form) turned into the
// Markdown file the content folder holds, and the slug derived from a title. The file keeps
// the key order of the request, so a diff between two revisions stays readable.
import jsyaml from 'js-yaml';
import { SLUG_MAX_LENGTH } from '../content/paths.js';

/** Keys of a write request that are not front matter. */
export const REQUEST_ONLY_KEYS = ['type', 'slug', 'message', 'corps'] as const;

export interface FicheDraft {
  frontMatter: Record<string, unknown>;
  corps: string;
}

/** Front matter and body of a write request body (already known to be an object). */
export function draftFromRequest(body: Record<string, unknown>): FicheDraft {
  const frontMatter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if ((REQUEST_ONLY_KEYS as readonly string[]).includes(key) || value === undefined || value === null) continue;
    frontMatter[key] = value;
  }
  return { frontMatter, corps: typeof body.corps === 'string' ? body.corps : '' };
}

/** The file text: `---`, the front matter in YAML (core schema: dates stay strings), `---`, the body. */
export function ficheFileText({ frontMatter, corps }: FicheDraft): string {
  const yaml = jsyaml.dump(frontMatter, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1, noRefs: true, quotingType: '"' });
  const body = corps.replace(/\r\n?/g, '\n');
  return `---\n${yaml}---\n${body.endsWith('\n') || body === '' ? body : `${body}\n`}`;
}

/** A slug from a title: accents folded, lower case, words joined by `-`, at most 80 characters. */
export function slugFromTitle(titre: string): string {
  const words = titre
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX_LENGTH) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, SLUG_MAX_LENGTH) || '';
}

/** JSON with object keys sorted at every level: equal for equal data, whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Whether a draft says exactly what the stored file says, even written differently (key order,
 * YAML style, line endings, a missing final newline): saving it changes nothing, so no commit.
 */
export function sameContent(stored: { frontMatter: Record<string, unknown> | null; body: string }, draft: FicheDraft): boolean {
  if (stored.frontMatter === null) return false;
  // `type` is the folder's to say; a request never carries it as front matter.
  const { type: _folder, ...frontMatter } = stored.frontMatter;
  const text = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  return canonical(frontMatter) === canonical(draft.frontMatter) && text(stored.body) === text(draft.corps);
}
