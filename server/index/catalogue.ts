// The catalogue: everything the read side knows at a given moment — the index database, the
// live ontology and the validator built from it, the in-memory facet sets — loaded from the
// index database alone (no content file is read here; syncContent does that).
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { IndexDb } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { listFicheIds, listPairs, loadFiches } from '../db/fiches-repository.js';
import { countSources, listVocabularySources } from '../db/sources-repository.js';
import { Ontology, type Vocabulary } from '../ontology/ontology.js';
import type { VocabularyReading } from '../ontology/read-vocabulary.js';
import { createAjv } from '../validation/ajv.js';
import { lazyFicheValidator, reservedKeys, type FicheValidator } from '../validation/fiche-validator.js';
import type { SchemaSet } from '../validation/schema-set.js';
import { FacetIndex } from './facet-index.js';
import type { VocabularyReader } from './read-source.js';
import { scanInWorker, type WorkerScan } from './scan-in-worker.js';
import { SlotAllocator } from './slot-allocator.js';

/** From this many known files, the first full scan runs on the other core while the index loads. */
const EARLY_SCAN_MIN_FILES = 2000;

export interface Catalogue {
  readonly contentDir: string;
  readonly db: Kysely<Database>;
  /** The same connection, for the few hot statements that skip the query builder. */
  readonly sqlite: SqliteDatabase.Database;
  readonly schemaSet: SchemaSet;
  readonly vocabularyReader: VocabularyReader;
  ontology: Ontology;
  validator: FicheValidator;
  facets: FacetIndex;
  slots: SlotAllocator;
  /** Bumped with every change of what readers see (publication, ontology): caches keyed on it
   * (rendered bodies, pages, answers) stay correct. */
  generation: number;
  /** A scan started while the catalogue was opening; the first full sync uses it. */
  earlyScan: Promise<WorkerScan | null> | null;
}

export async function openCatalogue(
  contentDir: string,
  indexDb: Pick<IndexDb, 'db' | 'sqlite'>,
  schemaSet: SchemaSet,
  { earlyScanMinFiles = EARLY_SCAN_MIN_FILES } = {},
): Promise<Catalogue> {
  const { db, sqlite } = indexDb;
  const earlyScan = (await countSources(db)) >= earlyScanMinFiles ? scanInWorker(contentDir) : null;
  // Compiled on first use, like the fiche validator; errors are passed on as ajv sets them.
  let compiled: ValidateFunction | null = null;
  const validateVocabulary = ((data: unknown) => {
    compiled ??= createAjv(() => undefined).compile(schemaSet.vocabulaire);
    const valid = compiled(data);
    validateVocabulary.errors = compiled.errors;
    return valid;
  }) as ValidateFunction;
  const vocabularyReader: VocabularyReader = { validate: validateVocabulary, reservedKeys: reservedKeys(schemaSet) };
  const ontology = await loadOntology(db);
  const facets = await loadFacetIndex({ db, sqlite }, ontology);
  return {
    contentDir,
    db,
    sqlite,
    schemaSet,
    vocabularyReader,
    ontology,
    validator: lazyFicheValidator(schemaSet, ontology),
    facets,
    slots: new SlotAllocator(await listFicheIds(db)),
    generation: 0,
    earlyScan,
  };
}

/** The ontology as stored by the last sync. */
export async function loadOntology(db: Kysely<Database>): Promise<Ontology> {
  const vocabularies: Vocabulary[] = [];
  for (const row of await listVocabularySources(db)) {
    const reading = JSON.parse(row.lecture) as VocabularyReading;
    if (reading.vocabulary) vocabularies.push(reading.vocabulary);
  }
  return new Ontology(vocabularies);
}

export async function loadFacetIndex(catalogue: Pick<Catalogue, 'db' | 'sqlite'>, ontology: Ontology): Promise<FacetIndex> {
  const index = new FacetIndex(ontology, await listPairs(catalogue.db));
  for (const { summary, pairs } of loadFiches(catalogue.sqlite)) index.upsert(summary, pairs);
  return index;
}
