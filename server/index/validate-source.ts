// Validation of a cached fiche reading against the current schemas and ontology: what goes in
// the `valide`, `problemes` and `donnees` columns of its source row.
import { buildFicheRecord } from '../content/fiche-record.js';
import { isFicheType } from '../content/paths.js';
import type { FicheReading } from '../content/read-fiche.js';
import type { SourceRow } from '../db/sources-repository.js';
import type { Catalogue } from './catalogue.js';

export function validateSourceRow(row: SourceRow, catalogue: Pick<Catalogue, 'validator' | 'ontology'>): Pick<SourceRow, 'valide' | 'problemes' | 'donnees'> {
  if (row.genre !== 'fiche' || !row.slug || !isFicheType(row.type)) {
    return { valide: 0, problemes: row.problemes, donnees: null };
  }
  const reading = JSON.parse(row.lecture) as FicheReading;
  const { record, problems } = buildFicheRecord(row.type, row.slug, reading, catalogue.validator, catalogue.ontology);
  return { valide: record ? 1 : 0, problemes: JSON.stringify(problems), donnees: record ? JSON.stringify(record) : null };
}
