// Three-way merge of a proposed fiche onto the current one, when the fiche changed since the
// proposition was made. Front matter key by key (a key changed on one side only takes that
// side; changed on both sides to different values is a conflict), body line by line (the
// proposition's patch applied to the current body). Working on parsed keys, not on YAML lines,
// keeps a mere re-formatting of the front matter from looking like a conflict.
import { applyPatch, structuredPatch } from 'diff';
import { isDeepStrictEqual } from 'node:util';
import { splitFrontMatter } from '../content/front-matter.js';
import { ficheFileText } from './fiche-file.js';

/** The merged file text, or null when both sides changed the same thing differently. */
export function rebaseFiche(baseText: string, proposedText: string, currentText: string): string | null {
  const [base, proposed, current] = [baseText, proposedText, currentText].map((text) => splitFrontMatter(text));
  if (!base!.data || !proposed!.data || !current!.data) return null;
  const merged: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(current!.data), ...Object.keys(proposed!.data)]);
  for (const key of keys) {
    const [b, p, c] = [base!.data[key], proposed!.data[key], current!.data[key]];
    let value: unknown;
    if (isDeepStrictEqual(p, b)) value = c;
    else if (isDeepStrictEqual(c, b) || isDeepStrictEqual(c, p)) value = p;
    else return null;
    if (value !== undefined) merged[key] = value;
  }
  const body = applyPatch(current!.body, structuredPatch('base', 'proposition', base!.body, proposed!.body));
  if (body === false) return null;
  return ficheFileText({ frontMatter: merged, corps: body });
}
