// Repeatable rows of the edit form: a list of strings (one input per value), a list of small
// objects (one input per property, labelled by the property's schema `title`), and `liens`
// (one row per link: relation + fiche). The form always ends with an empty row to fill, so it
// grows without JavaScript too; rows left empty are dropped when the form is read back.
import { messages } from '../i18n/messages.js';
import type { JsonSchema } from '../validation/schema-set.js';
import type { FieldKind } from './field-kind.js';

export type RowKind = Extract<FieldKind, 'lignes' | 'objets' | 'liens'>;

export interface RowColumn {
  name: string;
  /** The posted name: `f_<key>[]` for a list of strings, `f_<key>.<name>[]` otherwise (one per row). */
  posted: string;
  label: string;
  input: 'texte' | 'relation' | 'fiche';
  numeric: boolean;
}

export interface FormRow {
  cells: string[];
  /** For a `liens` row: the linked fiche's title, null when no public fiche has that slug. */
  titre?: string | null;
}

export type Posted = string | string[] | undefined;

export const MAX_ROWS = 500;

export const isRowKind = (kind: FieldKind): kind is RowKind => kind === 'lignes' || kind === 'objets' || kind === 'liens';

// `[]`: the usual sign of a name repeated on purpose (html-validate's form-dup-name knows it).
const postedName = (key: string, column?: string) => (column ? `f_${key}.${column}[]` : `f_${key}[]`);

export function columnsOf(key: string, kind: RowKind, schema: JsonSchema): RowColumn[] {
  if (kind === 'lignes') return [{ name: 'valeur', posted: postedName(key), label: String(schema.title ?? ''), input: 'texte', numeric: false }];
  if (kind === 'liens') {
    return [
      { name: 'relation', posted: postedName(key, 'relation'), label: messages.formulaire.relation, input: 'relation', numeric: false },
      { name: 'fiche', posted: postedName(key, 'fiche'), label: messages.formulaire.ficheLiee, input: 'fiche', numeric: false },
    ];
  }
  const properties = ((schema.items as JsonSchema | undefined)?.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, property]) => ({
    name,
    posted: postedName(key, name),
    label: String(property.title ?? name),
    input: 'texte',
    numeric: property.type === 'number' || property.type === 'integer',
  }));
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

export function rowsOf(kind: RowKind, columns: RowColumn[], value: unknown, titleOf: (slug: string) => string | null): FormRow[] {
  let rows: FormRow[];
  if (kind === 'lignes') rows = asList(value).map((v) => ({ cells: [String(v)] }));
  else if (kind === 'objets') {
    rows = asList(value).map((item) => ({
      cells: columns.map((c) => (item && typeof item === 'object' ? String((item as Record<string, unknown>)[c.name] ?? '') : String(item))),
    }));
  } else {
    const liens = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    rows = Object.entries(liens).flatMap(([relation, slugs]) => asList(slugs).map((slug) => ({ cells: [relation, String(slug)], titre: titleOf(String(slug)) })));
  }
  return [...rows, { cells: columns.map(() => '') }];
}

/** Every posted value of one input, in order, empty ones included (rows line up by position). */
const cellsOf = (value: Posted): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim());
/** A number typed with a point or a comma; anything else kept as typed, for the validator to point at. */
export const numberOr = (text: string): number | string => (text !== '' && Number.isFinite(Number(text.replace(',', '.'))) ? Number(text.replace(',', '.')) : text);

/** The rows posted for one field, back as front-matter value (undefined when every row is empty). */
export function readRows(kind: RowKind, columns: RowColumn[], body: Record<string, Posted>): unknown {
  // Far more than any fiche needs, and a bound on the work a posted form can ask for.
  const posted = columns.map((column) => cellsOf(body[column.posted]).slice(0, MAX_ROWS));
  const count = Math.max(0, ...posted.map((cells) => cells.length));
  const rows = Array.from({ length: count }, (_, i) => posted.map((cells) => cells[i] ?? '')).filter((row) => row.some((cell) => cell !== ''));
  if (rows.length === 0) return undefined;
  // A value with line breaks (posted by a client other than the form's single-line inputs)
  // gives one value per line.
  if (kind === 'lignes') return rows.flatMap(([text]) => text!.split(/\r?\n/).map((line) => line.trim())).filter(Boolean);
  if (kind === 'objets') {
    return rows.map((row) => Object.fromEntries(columns.flatMap((c, i) => (row[i] === '' ? [] : [[c.name, c.numeric ? numberOr(row[i]!) : row[i]]]))));
  }
  // A Map, not an object: a posted relation id such as `__proto__` must stay a plain key (for
  // the validator to refuse), never reach Object.prototype.
  const liens = new Map<string, string[]>();
  for (const [relation, slug] of rows) {
    if (!slug) continue;
    const slugs = liens.get(relation ?? '') ?? [];
    slugs.push(slug);
    liens.set(relation ?? '', slugs);
  }
  return liens.size > 0 ? Object.fromEntries(liens) : undefined;
}
