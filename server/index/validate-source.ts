// Validation of a fiche reading against the current schemas and ontology: what goes in the
// `valide`, `problemes` and `donnees` columns of its source row, and the record to publish.
import { buildFicheRecord, type FicheRecord } from '../content/fiche-record.js';
import { isFicheType } from '../content/paths.js';
import { restoreReading, type FicheReading } from '../content/read-fiche.js';
import type { SourceRow } from '../db/sources-repository.js';
import type { Catalogue } from './catalogue.js';

export type ValidationFields = Pick<SourceRow, 'valide' | 'problemes' | 'donnees'>;

export interface Validated {
  fields: ValidationFields;
  record: FicheRecord | null;
}

type Checkers = Pick<Catalogue, 'validator' | 'ontology'>;

export function validateReading(row: SourceRow, reading: FicheReading, catalogue: Checkers): Validated {
  if (row.genre !== 'fiche' || !row.slug || !isFicheType(row.type)) {
    return { fields: { valide: 0, problemes: row.problemes, donnees: null }, record: null };
  }
  const { record, problems } = buildFicheRecord(row.type, row.slug, reading, catalogue.validator, catalogue.ontology);
  return {
    fields: { valide: record ? 1 : 0, problemes: JSON.stringify(problems), donnees: record ? JSON.stringify(record) : null },
    record,
  };
}

/** The same, from the parse cache (after an ontology change). */
export function validateSourceRow(row: SourceRow, catalogue: Checkers): Validated & { reading: FicheReading } {
  const reading = restoreReading(row.lecture);
  return { ...validateReading(row, reading, catalogue), reading };
}
