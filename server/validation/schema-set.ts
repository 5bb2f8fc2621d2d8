// Reads the JSON Schemas of schemas/: the fiche base, one schema per type, the vocabulary.
// They are the single source of truth for validation, generated types and the API docs.
import fs from 'node:fs';
import path from 'node:path';
import { FICHE_TYPES, type FicheType } from '../content/paths.js';

export type JsonSchema = Record<string, unknown>;

export interface SchemaSet {
  base: JsonSchema;
  types: Record<FicheType, JsonSchema>;
  vocabulaire: JsonSchema;
}

export function loadSchemaSet(schemasDir: string): SchemaSet {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(schemasDir, `${name}.schema.json`), 'utf8')) as JsonSchema;
  return {
    base: read('fiche-base'),
    types: Object.fromEntries(FICHE_TYPES.map((type) => [type, read(type)])) as Record<FicheType, JsonSchema>,
    vocabulaire: read('vocabulaire'),
  };
}

/** Every vocabulary a schema names through the `vocabulaire` keyword. */
export function vocabulariesNamedIn(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => vocabulariesNamedIn(item, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'vocabulaire' && typeof value === 'string') found.add(value);
      else vocabulariesNamedIn(value, found);
    }
  }
  return found;
}

/** Top-level keys a schema declares (its own `properties`). */
export function declaredKeys(schema: JsonSchema): string[] {
  const properties = schema.properties;
  return properties && typeof properties === 'object' ? Object.keys(properties) : [];
}
