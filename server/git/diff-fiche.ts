// A readable difference between two revisions of a fiche: the front matter key by key (values
// compared as data, so re-quoting or re-ordering a YAML list item by item shows what changed
// and nothing else), the body line by line. Pure: it is given the two texts.
import { diffLines } from 'diff';
import { splitFrontMatter } from '../content/front-matter.js';

export type StatutChamp = 'ajoute' | 'supprime' | 'modifie';

export interface ChampModifie {
  cle: string;
  /** The value as readable text; null when the key is absent on that side. */
  avant: string | null;
  apres: string | null;
  statut: StatutChamp;
}

export interface BlocCorps {
  type: 'egal' | 'ajoute' | 'supprime';
  lignes: string[];
}

export interface DiffFiche {
  champs: ChampModifie[];
  corps: BlocCorps[];
}

/** Beyond this many changed lines the body is shown as all removed then all added. */
const MAX_EDIT_LENGTH = 10_000;

/** `null` stands for an absent file (before a creation, after a deletion). */
export function diffFiche(oldText: string | null, newText: string | null): DiffFiche {
  const before = readSides(oldText);
  const after = readSides(newText);
  return { champs: diffFields(before.fields, after.fields), corps: diffBody(before.body, after.body) };
}

interface Sides {
  fields: Record<string, unknown>;
  body: string;
}

/** Front matter and body; a text without a valid front matter is all body. */
function readSides(text: string | null): Sides {
  if (text === null) return { fields: {}, body: '' };
  const split = splitFrontMatter(text);
  if (split.data === undefined || split.problems.length > 0) {
    return { fields: {}, body: text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n') };
  }
  return { fields: split.data, body: split.body };
}

function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): ChampModifie[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const champs: ChampModifie[] = [];
  for (const cle of keys) {
    const inBefore = Object.hasOwn(before, cle);
    const inAfter = Object.hasOwn(after, cle);
    if (inBefore && inAfter && canonicalJson(before[cle]) === canonicalJson(after[cle])) continue;
    champs.push({
      cle,
      avant: inBefore ? readableValue(before[cle]) : null,
      apres: inAfter ? readableValue(after[cle]) : null,
      statut: !inBefore ? 'ajoute' : !inAfter ? 'supprime' : 'modifie',
    });
  }
  return champs;
}

function diffBody(before: string, after: string): BlocCorps[] {
  const changes = diffLines(before, after, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
    { value: before, removed: true, added: false, count: 0 },
    { value: after, removed: false, added: true, count: 0 },
  ];
  const blocs: BlocCorps[] = [];
  for (const change of changes) {
    const type = change.added ? 'ajoute' : change.removed ? 'supprime' : 'egal';
    const lignes = linesOf(change.value);
    if (lignes.length === 0) continue;
    const last = blocs.at(-1);
    if (last?.type === type) last.lignes.push(...lignes);
    else blocs.push({ type, lignes });
  }
  return blocs;
}

function linesOf(value: string): string[] {
  if (value === '') return [];
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** JSON with object keys sorted: two values are equal when this text is. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * A value as a reader would write it: lists as `a, b`, tables as `cle : valeur ; cle : valeur`,
 * a list of tables as `(…), (…)`.
 */
export function readableValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (Array.isArray(value)) {
    return value.map((item) => (isTable(item) ? `(${readableValue(item)})` : readableValue(item))).join(', ');
  }
  if (isTable(value)) {
    return Object.entries(value)
      .map(([key, inner]) => `${key} : ${isTable(inner) ? `(${readableValue(inner)})` : readableValue(inner)}`)
      .join(' ; ');
  }
  return String(value);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
