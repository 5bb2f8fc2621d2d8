// The reading worker: reads, parses, validates and analyses fiche files on the second core while
// the main thread writes the index (a full build is half parsing, half SQLite).
import { parentPort, workerData } from 'node:worker_threads';
import { Ontology, type Vocabulary } from '../ontology/ontology.js';
import { createFicheValidator } from '../validation/fiche-validator.js';
import type { SchemaSet } from '../validation/schema-set.js';
import { readFicheFile, type ReadContext } from './read-fiche-file.js';
import type { ScannedFile } from './scan.js';

export interface ReadWorkerData {
  contentDir: string;
  schemaSet: SchemaSet;
  vocabularies: Vocabulary[];
}

export interface ReadJob {
  id: number;
  files: ScannedFile[];
  digests: Record<string, string>;
}

const data = workerData as ReadWorkerData;
const ontology = new Ontology(data.vocabularies);
const context: ReadContext = { contentDir: data.contentDir, ontology, validator: createFicheValidator(data.schemaSet, ontology) };

parentPort!.on('message', (job: ReadJob) => {
  const outcomes = job.files.map((file) => readFicheFile(file, job.digests[file.relPath], context));
  parentPort!.postMessage({ id: job.id, outcomes });
});
