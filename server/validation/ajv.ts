// The ajv instance shared by fiche and vocabulary validation: JSON Schema 2020-12, every error
// reported (allErrors), formats (date, uri), and the `vocabulaire` keyword that checks a value
// against the live ontology, so that a concept added to a vocabulary file is valid at once.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { Ontology } from '../ontology/ontology.js';

type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = ((formatsModule as unknown as { default?: AddFormats }).default ?? formatsModule) as unknown as AddFormats;

export interface VocabularyErrorParams {
  vocabulaire: string;
  valeur: unknown;
  inconnu: boolean;
}

export function createAjv(getOntology: () => Ontology | undefined): Ajv2020 {
  // ownProperties: a vocabulary named `constructor` must not find Object.prototype's.
  // validateSchema: false — checking our schemas against the 2020-12 meta-schema cost ~110 ms
  // at every start and every ontology change; tests/unit/schemas.test.ts checks them once.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true, validateSchema: false, ownProperties: true });
  addFormats(ajv, ['date', 'uri']);
  ajv.addKeyword({
    keyword: 'vocabulaire',
    schemaType: 'string',
    errors: true,
    validate: function checkConcept(vocabularyId: string, value: unknown): boolean {
      if (typeof value !== 'string') return true; // `type` reports it
      const ontology = getOntology();
      const vocabulary = ontology?.vocabulary(vocabularyId);
      if (vocabulary && ontology?.concept(vocabularyId, value)) return true;
      (checkConcept as unknown as { errors: Partial<ErrorObject>[] }).errors = [
        { keyword: 'vocabulaire', params: { vocabulaire: vocabularyId, valeur: value, inconnu: !vocabulary } satisfies VocabularyErrorParams },
      ];
      return false;
    },
  });
  return ajv;
}
