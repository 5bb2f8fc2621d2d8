// The posted edit form back into front matter: the inverse of fiche-form.ts. Field `f_<key>`
// (sub-field `f_<key>.<part>`); empty values are left out, so that "nothing typed" never
// becomes an empty string the schema would refuse. Numbers typed in number-like sub-fields are
// read as numbers; what does not parse is kept as typed, for the validator to point at.
import type { FicheType } from '../content/paths.js';
import type { Ontology } from '../ontology/ontology.js';
import type { SchemaSet } from '../validation/schema-set.js';
import { buildFicheForm } from './fiche-form.js';
import { isRowKind, numberOr, readRows, type Posted } from './repeatable-rows.js';

export type PostedForm = Record<string, Posted>;

/** Turns what was typed in a relation's fiche input (a slug, or a title) into a slug. */
export type FicheResolver = (typed: string) => string;

const one = (value: Posted): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
const many = (value: Posted): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);

function readCarried(body: PostedForm): Record<string, unknown> {
  try {
    const carried = JSON.parse(one(body._autres) || '{}') as unknown;
    // `__proto__` would later be assigned, not defined, and replace the draft's prototype.
    if (carried && typeof carried === 'object' && !Array.isArray(carried)) return Object.fromEntries(Object.entries(carried).filter(([key]) => key !== '__proto__'));
  } catch {
    // a tampered hidden field: ignored
  }
  return {};
}

export function readFicheForm(schemaSet: SchemaSet, ontology: Ontology, type: FicheType, body: PostedForm, resolveFiche: FicheResolver = (typed) => typed): Record<string, unknown> {
  const out = readCarried(body);
  for (const field of buildFicheForm(schemaSet, ontology, type, {})) {
    const raw = body[`f_${field.name}`];
    const sub = (part: string) => one(body[`f_${field.name}.${part}`]);
    let value: unknown;
    if (isRowKind(field.kind)) {
      value = readRows(field.kind, field.columns, body);
      if (field.kind === 'liens' && value) {
        value = Object.fromEntries(Object.entries(value as Record<string, string[]>).map(([relation, typed]) => [relation, typed.map(resolveFiche)]));
      }
    } else if (field.kind === 'cases' || field.kind === 'arbre') value = many(raw);
    else if (field.kind === 'booleen') value = one(raw) === 'oui' ? true : one(raw) === 'non' ? false : undefined;
    else if (field.kind === 'lieu') {
      const [nom, lat, lon] = [sub('nom'), sub('lat'), sub('lon')];
      value = nom || lat || lon ? { nom, ...(lat ? { lat: numberOr(lat) } : {}), ...(lon ? { lon: numberOr(lon) } : {}) } : undefined;
    } else if (field.kind === 'intervalle') {
      const [min, max] = [sub('min'), sub('max')];
      value = min || max ? { ...(min ? { min: numberOr(min) } : {}), ...(max ? { max: numberOr(max) } : {}) } : undefined;
    } else value = one(raw) || undefined;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete out[field.name];
    else out[field.name] = value;
  }
  return out;
}

/**
 * The form lists choices in the ontology's order and fields in the schema's: the keys keep the
 * stored fiche's order (new ones after), and a list holding the same values as the stored one
 * keeps its order, so that the diff of a save shows only what changed.
 */
export function keepStoredOrder(values: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
  const keys = [...Object.keys(stored).filter((key) => Object.hasOwn(values, key)), ...Object.keys(values).filter((key) => !Object.hasOwn(stored, key))];
  const out = Object.fromEntries(keys.map((key) => [key, values[key]]));
  for (const [key, value] of Object.entries(values)) {
    const before = stored[key];
    if (!Array.isArray(value) || !Array.isArray(before) || value.length !== before.length) continue;
    const same = (a: unknown[], b: unknown[]) => JSON.stringify(a.map((v) => JSON.stringify(v)).sort()) === JSON.stringify(b.map((v) => JSON.stringify(v)).sort());
    if (same(value, before)) out[key] = before;
  }
  return out;
}
