// How the edit form shows one front-matter key, decided from its JSON Schema: a vocabulary
// becomes checkboxes (a tree when hierarchical) or a select fed by the live ontology, a list of
// strings or of small objects becomes repeatable rows, `liens` becomes rows of (relation, fiche).
import type { Ontology } from '../ontology/ontology.js';
import type { JsonSchema } from '../validation/schema-set.js';

export type FieldKind = 'texte' | 'texte-long' | 'choix' | 'cases' | 'arbre' | 'lignes' | 'objets' | 'booleen' | 'date' | 'url' | 'liens' | 'lieu' | 'intervalle';

export interface FormOption {
  id: string;
  label: string;
  depth: number;
  checked: boolean;
}

export function kindOf(key: string, schema: JsonSchema, ontology: Ontology): FieldKind {
  const items = (schema.items ?? {}) as JsonSchema;
  if (key === 'liens') return 'liens';
  if (key === 'lieu') return 'lieu';
  if (key === 'participants') return 'intervalle';
  if (schema.type === 'array' && items.type === 'object') return 'objets';
  if (schema.type === 'array' && typeof items.vocabulaire === 'string') return ontology.vocabulary(items.vocabulaire)?.hierarchique ? 'arbre' : 'cases';
  if (schema.type === 'array') return 'lignes';
  if (typeof schema.vocabulaire === 'string' || Array.isArray(schema.enum)) return 'choix';
  if (schema.type === 'boolean') return 'booleen';
  // Type schemas point at the base schema's definitions (`fiche-base.schema.json#/$defs/url`).
  const ref = typeof schema.$ref === 'string' ? schema.$ref : '';
  if (schema.format === 'uri' || ref.endsWith('#/$defs/url')) return 'url';
  if (schema.format === 'date' || ref.endsWith('#/$defs/date')) return 'date';
  if (typeof schema.maxLength === 'number' && schema.maxLength > 200) return 'texte-long';
  return 'texte';
}

/**
 * The choices of a vocabulary field, depth-first so that a narrower concept comes under its
 * broader one. A merged concept the fiche still holds shows as the concept that replaces it; an
 * id the vocabulary does not know stays, checked, at the end: saving the form unchanged never
 * drops a value.
 */
export function optionsOf(schema: JsonSchema, ontology: Ontology, held: string[]): FormOption[] {
  const vocabularyId = (schema.vocabulaire ?? (schema.items as JsonSchema | undefined)?.vocabulaire) as string | undefined;
  if (!vocabularyId) return withUnknown(((schema.enum ?? []) as string[]).map((id) => ({ id, label: id, depth: 0, checked: held.includes(id) })), held);
  const selected = held.map((id) => ontology.resolve(vocabularyId, id) ?? id);
  const concepts = ontology.activeConcepts(vocabularyId);
  const out: FormOption[] = [];
  const visit = (broader: string | null, depth: number) => {
    for (const c of concepts.filter((concept) => concept.broader === broader)) {
      out.push({ id: c.id, label: c.label, depth, checked: selected.includes(c.id) });
      visit(c.id, depth + 1);
    }
  };
  visit(null, 0);
  return withUnknown(out, selected);
}

function withUnknown(options: FormOption[], selected: string[]): FormOption[] {
  const known = new Set(options.map((o) => o.id));
  const unknown = [...new Set(selected)].filter((id) => !known.has(id));
  return [...options, ...unknown.map((id) => ({ id, label: id, depth: 0, checked: true }))];
}
