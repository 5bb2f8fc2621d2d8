// The posted edit form back into front matter: the inverse of fiche-form.ts. Field `f_<key>`
// (sub-field `f_<key>.<part>`); empty values are left out, so that "nothing typed" never
// becomes an empty string the schema would refuse. Numbers typed in number-like sub-fields are
// read as numbers; what does not parse is kept as typed, for the validator to point at.
import type { FicheType } from '../content/paths.js';
import type { Ontology } from '../ontology/ontology.js';
import type { SchemaSet } from '../validation/schema-set.js';
import { buildFicheForm } from './fiche-form.js';

export type PostedForm = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
const many = (value: string | string[] | undefined): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);
const lines = (value: string | string[] | undefined): string[] => one(value).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const numberOr = (text: string): number | string => (text !== '' && Number.isFinite(Number(text.replace(',', '.'))) ? Number(text.replace(',', '.')) : text);

export function readFicheForm(schemaSet: SchemaSet, ontology: Ontology, type: FicheType, body: PostedForm): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  try {
    const carried = JSON.parse(one(body._autres) || '{}') as unknown;
    if (carried && typeof carried === 'object' && !Array.isArray(carried)) Object.assign(out, carried);
  } catch {
    // a tampered hidden field: ignored
  }
  for (const field of buildFicheForm(schemaSet, ontology, type, {})) {
    const raw = body[`f_${field.name}`];
    const sub = (part: string) => one(body[`f_${field.name}.${part}`]);
    let value: unknown;
    switch (field.kind) {
      case 'cases':
      case 'arbre':
        value = many(raw);
        break;
      case 'lignes':
        value = lines(raw);
        break;
      case 'roles':
        value = lines(raw).map((line) => {
          const [nom, ...rest] = line.split(':');
          const raison = rest.join(':').trim();
          return raison ? { nom: nom!.trim(), raison_d_etre: raison } : { nom: nom!.trim() };
        });
        break;
      case 'booleen':
        value = one(raw) === '' ? undefined : true;
        break;
      case 'lieu': {
        const [nom, lat, lon] = [sub('nom'), sub('lat'), sub('lon')];
        value = nom || lat || lon ? { nom, ...(lat ? { lat: numberOr(lat) } : {}), ...(lon ? { lon: numberOr(lon) } : {}) } : undefined;
        break;
      }
      case 'intervalle': {
        const [min, max] = [sub('min'), sub('max')];
        value = min || max ? { ...(min ? { min: numberOr(min) } : {}), ...(max ? { max: numberOr(max) } : {}) } : undefined;
        break;
      }
      case 'liens': {
        const liens: Record<string, string[]> = {};
        for (const part of field.parts) {
          const slugs = sub(part.name).split(/[\s,;]+/).filter(Boolean);
          if (slugs.length > 0) liens[part.name] = slugs;
        }
        value = Object.keys(liens).length > 0 ? liens : undefined;
        break;
      }
      default:
        value = one(raw) || undefined;
    }
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete out[field.name];
    else out[field.name] = value;
  }
  return out;
}
