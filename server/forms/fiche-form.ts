// The edit form of a fiche, generated from the JSON Schemas (base + type): labels and help from
// `title`/`description`, vocabulary fields as checkboxes (a tree for a hierarchical vocabulary)
// or a select fed by the live ontology, lists as one value per line, relations per relation id,
// small objects as sub-fields. `readFicheForm` turns the posted form back into front matter,
// keeping the keys the form does not show (x_ keys, dates) from the hidden `_autres` field.
import type { FicheType } from '../content/paths.js';
import { RELATIONS_VOCABULARY, type Ontology } from '../ontology/ontology.js';
import type { JsonSchema, SchemaSet } from '../validation/schema-set.js';

type Kind = 'texte' | 'texte-long' | 'choix' | 'cases' | 'arbre' | 'lignes' | 'booleen' | 'date' | 'url' | 'liens' | 'lieu' | 'intervalle' | 'roles';

export interface FormOption {
  id: string;
  label: string;
  depth: number;
  checked: boolean;
}

export interface FormField {
  name: string;
  label: string;
  aide: string;
  kind: Kind;
  required: boolean;
  /** Text of a text-like field (one value per line for `lignes` and `roles`). */
  text: string;
  options: FormOption[];
  /** Sub-fields of `lieu`, `intervalle` and `liens` (one per relation id). */
  parts: Array<{ name: string; label: string; text: string }>;
  erreur: string | null;
}

// Keys the form never shows: set by the folder or the server.
const HIDDEN_KEYS = new Set(['type', 'cree', 'modifie']);

function propertiesOf(schemaSet: SchemaSet, type: FicheType): Array<[string, JsonSchema]> {
  const own = (schema: JsonSchema) => Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  return [...own(schemaSet.base), ...own(schemaSet.types[type])];
}

function kindOf(key: string, schema: JsonSchema, ontology: Ontology): Kind {
  const items = (schema.items ?? {}) as JsonSchema;
  if (key === 'liens') return 'liens';
  if (key === 'lieu') return 'lieu';
  if (key === 'participants') return 'intervalle';
  if (schema.type === 'array' && items.type === 'object') return 'roles';
  if (schema.type === 'array' && typeof items.vocabulaire === 'string') return ontology.vocabulary(items.vocabulaire)?.hierarchique ? 'arbre' : 'cases';
  if (schema.type === 'array') return 'lignes';
  if (typeof schema.vocabulaire === 'string' || Array.isArray(schema.enum)) return 'choix';
  if (schema.type === 'boolean') return 'booleen';
  if (schema.format === 'uri') return 'url';
  if (schema.$ref === '#/$defs/date' || schema.format === 'date') return 'date';
  if (typeof schema.maxLength === 'number' && schema.maxLength > 200) return 'texte-long';
  return 'texte';
}

function optionsOf(schema: JsonSchema, ontology: Ontology, selected: string[]): FormOption[] {
  const vocabularyId = (schema.vocabulaire ?? (schema.items as JsonSchema | undefined)?.vocabulaire) as string | undefined;
  if (!vocabularyId) return ((schema.enum ?? []) as string[]).map((id) => ({ id, label: id, depth: 0, checked: selected.includes(id) }));
  const concepts = ontology.activeConcepts(vocabularyId);
  const out: FormOption[] = [];
  // Depth-first, so that a narrower concept comes right under its broader one.
  const visit = (broader: string | null, depth: number) => {
    for (const c of concepts.filter((concept) => concept.broader === broader)) {
      out.push({ id: c.id, label: c.label, depth, checked: selected.includes(c.id) });
      visit(c.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)]);

export function buildFicheForm(schemaSet: SchemaSet, ontology: Ontology, type: FicheType, values: Record<string, unknown>, champs: Record<string, string> = {}): FormField[] {
  const required = new Set([...((schemaSet.base.required ?? []) as string[]), ...((schemaSet.types[type].required ?? []) as string[])]);
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
        erreur: champs[key] ?? null,
      };
      if (kind === 'choix' || kind === 'cases' || kind === 'arbre') field.options = optionsOf(schema, ontology, asList(value));
      else if (kind === 'lignes') field.text = asList(value).join('\n');
      else if (kind === 'roles') field.text = (Array.isArray(value) ? value : []).map((r: { nom?: string; raison_d_etre?: string }) => [r.nom, r.raison_d_etre].filter(Boolean).join(' : ')).join('\n');
      else if (kind === 'lieu') field.parts = ['nom', 'lat', 'lon'].map((p) => ({ name: p, label: p === 'nom' ? 'Nom du lieu' : p === 'lat' ? 'Latitude' : 'Longitude', text: String((value as Record<string, unknown> | undefined)?.[p] ?? '') }));
      else if (kind === 'intervalle') field.parts = ['min', 'max'].map((p) => ({ name: p, label: p === 'min' ? 'Au moins' : 'Au plus', text: String((value as Record<string, unknown> | undefined)?.[p] ?? '') }));
      else if (kind === 'liens') field.parts = ontology.activeConcepts(RELATIONS_VOCABULARY).map((c) => ({ name: c.id, label: c.label, text: asList((value as Record<string, unknown> | undefined)?.[c.id]).join(', ') }));
      else if (kind === 'booleen') field.text = value === true ? 'oui' : '';
      else field.text = value === undefined || value === null ? '' : String(value);
      return field;
    });
}

/** Keys of `values` the form does not show, to be carried through it unchanged. */
export function keysOutsideForm(schemaSet: SchemaSet, type: FicheType, values: Record<string, unknown>): Record<string, unknown> {
  const shown = new Set(propertiesOf(schemaSet, type).map(([key]) => key).filter((key) => !HIDDEN_KEYS.has(key)));
  return Object.fromEntries(Object.entries(values).filter(([key]) => !shown.has(key) && key !== 'type'));
}
