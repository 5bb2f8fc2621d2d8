// The edit form of a fiche, generated from the JSON Schemas (base + type): labels and help from
// `title`/`description`, the way each key is shown from its schema (field-kind.ts), lists and
// relations as repeatable rows (repeatable-rows.ts), small objects as sub-fields.
// `keysOutsideForm` lists what the form does not show (x_ keys, dates), carried unchanged
// through the hidden `_autres` field.
import type { FicheType } from '../content/paths.js';
import { RELATIONS_VOCABULARY, type Ontology } from '../ontology/ontology.js';
import type { JsonSchema, SchemaSet } from '../validation/schema-set.js';
import { kindOf, optionsOf, type FieldKind, type FormOption } from './field-kind.js';
import { columnsOf, isRowKind, rowsOf, type FormRow, type RowColumn } from './repeatable-rows.js';

export type { FormOption } from './field-kind.js';

export interface FormField {
  name: string;
  label: string;
  aide: string;
  kind: FieldKind;
  required: boolean;
  /** Text of a single-input field. */
  text: string;
  /** Choices of a vocabulary field; for `liens`, the relations. */
  options: FormOption[];
  /** Sub-fields of `lieu` and `intervalle`. */
  parts: Array<{ name: string; label: string; text: string }>;
  /** Columns and rows of a repeatable field (`lignes`, `objets`, `liens`). */
  columns: RowColumn[];
  rows: FormRow[];
  erreur: string | null;
}

export interface FormContext {
  /** Errors by front-matter key. */
  champs?: Record<string, string>;
  /** The title of the public fiche at a slug, shown beside a relation. */
  titleOf?: (slug: string) => string | null;
}

// Keys the form never shows: set by the folder or the server.
const HIDDEN_KEYS = new Set(['type', 'cree', 'modifie']);

function propertiesOf(schemaSet: SchemaSet, type: FicheType): Array<[string, JsonSchema]> {
  const own = (schema: JsonSchema) => Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  return [...own(schemaSet.base), ...own(schemaSet.types[type])];
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)]);
const partOf = (value: unknown, part: string) => String((value as Record<string, unknown> | undefined)?.[part] ?? '');

/** The relations a `liens` row may pick: the active ones, and any other the fiche already uses. */
function relationOptions(ontology: Ontology, value: unknown): FormOption[] {
  const options = ontology.activeConcepts(RELATIONS_VOCABULARY).map((c) => ({ id: c.id, label: c.label, depth: 0, checked: false }));
  const used = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  for (const id of used) if (!options.some((o) => o.id === id)) options.push({ id, label: id, depth: 0, checked: false });
  return options;
}

export function buildFicheForm(schemaSet: SchemaSet, ontology: Ontology, type: FicheType, values: Record<string, unknown>, context: FormContext = {}): FormField[] {
  const required = new Set([...((schemaSet.base.required ?? []) as string[]), ...((schemaSet.types[type].required ?? []) as string[])]);
  const titleOf = context.titleOf ?? (() => null);
  return propertiesOf(schemaSet, type)
    .filter(([key]) => !HIDDEN_KEYS.has(key))
    .map(([key, schema]) => {
      const kind = kindOf(key, schema, ontology);
      const value = values[key];
      const field: FormField = {
        name: key,
        label: String(schema.title ?? key),
        aide: String(schema.description ?? ''),
        kind,
        required: required.has(key),
        text: '',
        options: [],
        parts: [],
        columns: [],
        rows: [],
        erreur: context.champs?.[key] ?? null,
      };
      if (isRowKind(kind)) {
        field.columns = columnsOf(key, kind, schema);
        field.rows = rowsOf(kind, field.columns, value, titleOf);
        if (kind === 'liens') field.options = relationOptions(ontology, value);
      } else if (kind === 'choix' || kind === 'cases' || kind === 'arbre') field.options = optionsOf(schema, ontology, asList(value));
      else if (kind === 'lieu') field.parts = ['nom', 'lat', 'lon'].map((p) => ({ name: p, label: p === 'nom' ? 'Nom du lieu' : p === 'lat' ? 'Latitude' : 'Longitude', text: partOf(value, p) }));
      else if (kind === 'intervalle') field.parts = ['min', 'max'].map((p) => ({ name: p, label: p === 'min' ? 'Au moins' : 'Au plus', text: partOf(value, p) }));
      // Three states: yes, no, and not said (a `false` is kept, never dropped on save).
      else if (kind === 'booleen') field.text = value === true ? 'oui' : value === false ? 'non' : '';
      else field.text = value === undefined || value === null ? '' : String(value);
      return field;
    });
}

/** Keys of `values` the form does not show, to be carried through it unchanged. */
export function keysOutsideForm(schemaSet: SchemaSet, type: FicheType, values: Record<string, unknown>): Record<string, unknown> {
  const shown = new Set(propertiesOf(schemaSet, type).map(([key]) => key).filter((key) => !HIDDEN_KEYS.has(key)));
  return Object.fromEntries(Object.entries(values).filter(([key]) => !shown.has(key) && key !== 'type'));
}
