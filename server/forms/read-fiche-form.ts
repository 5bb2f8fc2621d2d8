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
    if (carried && typeof carried === 'object' && !Array.isArray(carried)) return { ...carried };
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
    else if (field.kind === 'booleen') value = one(raw) === '' ? undefined : true;
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
