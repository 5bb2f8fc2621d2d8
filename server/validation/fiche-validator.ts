// Validates a fiche's front matter against its type's JSON Schema and the live ontology.
// Vocabularies that no schema names (a community adds `echelles.yaml`, say) become optional
// list keys of every type at once: the schemas are extended in memory, never edited.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { escapePointer } from '../content/yaml-safe.js';
import { FICHE_TYPES, type FicheType } from '../content/paths.js';
import { RELATIONS_VOCABULARY, type Ontology } from '../ontology/ontology.js';
import { createAjv } from './ajv.js';
import { describeErrors, type LocatedMessage } from './messages-fr.js';
import { declaredKeys, vocabulariesNamedIn, type JsonSchema, type SchemaSet } from './schema-set.js';

export interface FicheValidator {
  validate(type: FicheType, data: Record<string, unknown>): LocatedMessage[];
  /** Vocabulary ids usable as front-matter keys of this type. */
  vocabularyKeys(type: FicheType): string[];
}

/** Keys of the base schema: a vocabulary may not take one of these names. */
export function reservedKeys(schemaSet: SchemaSet): Set<string> {
  const keys = new Set(declaredKeys(schemaSet.base));
  for (const type of FICHE_TYPES) declaredKeys(schemaSet.types[type]).forEach((k) => keys.add(k));
  for (const vocabulary of vocabulariesNamedIn(schemaSet)) keys.delete(vocabulary);
  return keys;
}

/**
 * The same, compiled on first use: a start with unchanged content validates nothing, and
 * compiling the schemas is a tenth of such a start.
 */
export function lazyFicheValidator(schemaSet: SchemaSet, ontology: Ontology): FicheValidator {
  let built: FicheValidator | null = null;
  const get = () => (built ??= createFicheValidator(schemaSet, ontology));
  return { validate: (type, data) => get().validate(type, data), vocabularyKeys: (type) => get().vocabularyKeys(type) };
}

export function createFicheValidator(schemaSet: SchemaSet, ontology: Ontology): FicheValidator {
  const ajv = createAjv(() => ontology);
  const named = vocabulariesNamedIn(schemaSet);
  const reserved = reservedKeys(schemaSet);
  const extraVocabularies = ontology
    .facetVocabularies()
    .map((v) => v.id)
    .filter((id) => !named.has(id) && !reserved.has(id));

  // Type-specific keys, to tell "a key of another type" from a typo.
  const keyTypes = new Map<string, FicheType[]>();
  for (const type of FICHE_TYPES) {
    for (const key of declaredKeys(schemaSet.types[type])) keyTypes.set(key, [...(keyTypes.get(key) ?? []), type]);
  }

  ajv.addSchema(schemaSet.base);
  const validators = new Map<FicheType, ValidateFunction>();
  const knownKeys = new Map<FicheType, string[]>();
  const vocabularyKeys = new Map<FicheType, string[]>();
  for (const type of FICHE_TYPES) {
    const schema = withExtraVocabularies(schemaSet.types[type], extraVocabularies);
    validators.set(type, ajv.compile(schema));
    knownKeys.set(type, [...declaredKeys(schemaSet.base), ...declaredKeys(schema)]);
    const own = [...vocabulariesNamedIn([schemaSet.base, schema])].filter((id) => id !== RELATIONS_VOCABULARY);
    vocabularyKeys.set(type, own);
  }

  return {
    validate(type, data) {
      const validate = validators.get(type)!;
      const messages: LocatedMessage[] = [];
      if (!validate(data)) {
        const known = knownKeys.get(type)!;
        const errors: ErrorObject[] = [];
        for (const error of validate.errors ?? []) {
          const key = error.keyword === 'unevaluatedProperties' && error.instancePath === '' ? String(error.params.unevaluatedProperty) : null;
          // In JSON Schema 2020-12 a failed `$ref` contributes no evaluated properties: one bad
          // value in the base schema made every base key (and every x_ key) "unknown" too.
          if (key !== null && (known.includes(key) || key.startsWith('x_'))) continue;
          // A key of another type: say so rather than suggest a look-alike (`duree` → `cree`).
          const owners = key !== null ? keyTypes.get(key) : undefined;
          if (key !== null && owners) {
            messages.push({ pointer: `/${escapePointer(key)}`, message: `clé « ${key} » réservée aux fiches de type ${owners.join(', ')} (cette fiche est de type ${type})` });
            continue;
          }
          errors.push(error);
        }
        messages.push(...describeErrors(errors, { ontology, knownKeys: known }));
      }
      // ajv tracks evaluated keys in a plain object, where `constructor`, `toString` or
      // `__proto__` always look evaluated: unless a schema or a vocabulary declares such a key,
      // it would pass `unevaluatedProperties` unnoticed.
      for (const key of Object.keys(data)) {
        if (key in Object.prototype && !knownKeys.get(type)!.includes(key)) messages.push({ pointer: `/${key}`, message: `clé inconnue « ${key} »` });
      }
      messages.push(...checkBeyondSchema(type, data));
      return messages;
    },
    vocabularyKeys: (type) => vocabularyKeys.get(type)!,
  };
}

function withExtraVocabularies(schema: JsonSchema, vocabularies: string[]): JsonSchema {
  if (vocabularies.length === 0) return schema;
  const properties = { ...(schema.properties as Record<string, unknown>) };
  for (const id of vocabularies) {
    properties[id] = { type: 'array', items: { type: 'string', vocabulaire: id } };
  }
  return { ...schema, properties };
}

/** Rules JSON Schema cannot say. */
function checkBeyondSchema(type: FicheType, data: Record<string, unknown>): LocatedMessage[] {
  const messages: LocatedMessage[] = [];

  if (typeof data.type === 'string' && data.type !== type) {
    messages.push({ pointer: '/type', message: `type : « ${data.type} » ne correspond pas au dossier « ${type} » de la fiche` });
  }
  const participants = data.participants as { min?: unknown; max?: unknown } | undefined;
  if (typeof participants?.min === 'number' && typeof participants.max === 'number' && participants.min > participants.max) {
    messages.push({ pointer: '/participants', message: 'participants : min doit être inférieur ou égal à max' });
  }
  return messages;
}
