// The JSON Schemas of schemas/ are valid JSON Schema 2020-12 (the server skips this check at
// start for speed, so it is made here), and strict: every keyword is known.
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { FICHE_TYPES } from '../../server/content/paths.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';
import { REPO_ROOT } from '../helpers/content.js';

const schemas = loadSchemaSet(path.join(REPO_ROOT, 'schemas'));

describe('schemas/', () => {
  it('are valid against the 2020-12 meta-schema, with vocabulaire as the only extra keyword', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'vocabulaire', schemaType: 'string' });
    ajv.addFormat('date', true).addFormat('uri', true);
    for (const schema of [schemas.base, ...FICHE_TYPES.map((t) => schemas.types[t]), schemas.vocabulaire]) {
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    }
    ajv.addSchema(schemas.base);
    for (const type of FICHE_TYPES) expect(() => ajv.compile(schemas.types[type])).not.toThrow();
    expect(() => ajv.compile(schemas.vocabulaire)).not.toThrow();
  });
});
