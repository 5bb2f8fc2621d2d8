// Baseline: the floor of any build. Reads, parses, renders and validates every fiche of
// CONTENT_DIR with no index at all, and prints {ms, fiches} as JSON.
import fs from 'node:fs';
import path from 'node:path';
import { buildFicheRecord } from '../../server/content/fiche-record.js';
import { FICHE_TYPES } from '../../server/content/paths.js';
import { readFiche } from '../../server/content/read-fiche.js';
import { renderBody } from '../../server/markdown/renderer.js';
import { Ontology, type Vocabulary } from '../../server/ontology/ontology.js';
import { readVocabulary } from '../../server/ontology/read-vocabulary.js';
import { createAjv } from '../../server/validation/ajv.js';
import { createFicheValidator, reservedKeys } from '../../server/validation/fiche-validator.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';
import { ROOT } from './server-process.js';

const contentDir = process.env.CONTENT_DIR!;
const started = performance.now();
const schemas = loadSchemaSet(path.join(ROOT, 'schemas'));
const validateVocabulary = createAjv(() => undefined).compile(schemas.vocabulaire);
const vocabularies: Vocabulary[] = [];
for (const name of fs.readdirSync(path.join(contentDir, 'ontologie'))) {
  const reading = readVocabulary(name.replace(/\.yaml$/, ''), fs.readFileSync(path.join(contentDir, 'ontologie', name), 'utf8'), validateVocabulary, reservedKeys(schemas));
  if (reading.vocabulary) vocabularies.push(reading.vocabulary);
}
const ontology = new Ontology(vocabularies);
const validator = createFicheValidator(schemas, ontology);
let fiches = 0;
for (const type of FICHE_TYPES) {
  for (const name of fs.readdirSync(path.join(contentDir, type))) {
    const reading = readFiche(fs.readFileSync(path.join(contentDir, type, name), 'utf8'));
    renderBody(reading.body, { resolveFiche: (slug) => ({ url: `/fiches/${slug}`, titre: slug }) });
    if (buildFicheRecord(type, name.slice(0, -3), reading, validator, ontology).record) fiches++;
  }
}
process.stdout.write(`${JSON.stringify({ ms: Math.round(performance.now() - started), fiches })}\n`);
