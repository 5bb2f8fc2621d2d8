// One fiche file from disk to what the index needs: read (refusing what must be refused), parsed
// if its digest changed, validated, its full text analysed. Pure given its context, so that it
// runs the same in the main thread and in the reading worker.
import type { FicheReading } from '../content/read-fiche.js';
import type { AnalysedText } from '../db/fiches-repository.js';
import type { SourceRow } from '../db/sources-repository.js';
import type { Ontology } from '../ontology/ontology.js';
import { ficheFullText } from '../search/fiche-text.js';
import type { FicheValidator } from '../validation/fiche-validator.js';
import type { FreshSource } from './publish.js';
import { digestOf, readOwnedFile, sourceRowOf, type VocabularyReader } from './read-source.js';
import type { ScannedFile } from './scan.js';
import { validateReading } from './validate-source.js';

export interface ReadContext {
  contentDir: string;
  validator: FicheValidator;
  ontology: Ontology;
}

export type FileOutcome =
  /** Same bytes as the last time (only its stat changed). */
  | { kind: 'inchange'; file: ScannedFile; lu: true }
  /** A row to store, validated; `fresh` when the fiche can be published. */
  | { kind: 'lu'; row: SourceRow; fresh: FreshSource | null; lu: boolean };

const NO_VOCABULARIES: VocabularyReader = {
  validate: (() => false) as unknown as VocabularyReader['validate'],
  reservedKeys: new Set(),
};

export function readFicheFile(file: ScannedFile, previousDigest: string | undefined, context: ReadContext): FileOutcome {
  if (file.entry.kind === 'fiche-mal-nommee') {
    return { kind: 'lu', row: sourceRowOf(file, digestOf(file.relPath), null, null, NO_VOCABULARIES).row, fresh: null, lu: false };
  }
  let read;
  try {
    read = readOwnedFile(context.contentDir, file);
  } catch (error) {
    read = { problem: `fichier illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'})` };
  }
  if ('problem' in read) {
    const { row } = sourceRowOf(file, digestOf(`${file.relPath}:${file.size}:${file.mtimeMs}`), null, read.problem, NO_VOCABULARIES);
    return { kind: 'lu', row, fresh: null, lu: true };
  }
  if (previousDigest === read.digest) return { kind: 'inchange', file, lu: true };
  const { row, reading } = sourceRowOf(file, read.digest, read.content, null, NO_VOCABULARIES);
  const { fields, record } = validateReading(row, reading as FicheReading, context);
  Object.assign(row, fields);
  const text = (reading as FicheReading).text;
  const analysed: AnalysedText | undefined = record ? ficheFullText(record, text) : undefined;
  return { kind: 'lu', row, fresh: record ? { record, text, analysed } : null, lu: true };
}
