// Brings the index in line with the content folder: reads only files whose size or mtime
// changed (and re-parses only those whose digest changed), re-validates everything from the
// parse cache when the ontology changed, then publishes or withdraws the fiches concerned.
// One bad file never stops the sync: its problems are stored with it.
import { getMeta, setMeta } from '../db/meta-repository.js';
import {
  deleteSources,
  listFicheSourcesAfter,
  listSourceStats,
  updateSourceStat,
  upsertSources,
  type SourceRow,
} from '../db/sources-repository.js';
import { inWriteTransaction } from '../db/write-transaction.js';
import { createFicheValidator } from '../validation/fiche-validator.js';
import { loadOntology, valuesById, type Catalogue } from './catalogue.js';
import { publishSlugs } from './publish.js';
import { digestOf, readOwnedFile, sourceRowOf } from './read-source.js';
import { scanContent, statPaths, type ScannedFile } from './scan.js';
import { validateSourceRow } from './validate-source.js';

export interface SyncReport {
  /** Files whose bytes were read. */
  lus: number;
  /** Files parsed again because their content changed. */
  analyses: number;
  supprimes: number;
  ontologieModifiee: boolean;
  publiees: number;
  retirees: number;
  dureeMs: number;
}

/** Files modified this close to the previous sync may have changed within the same mtime tick. */
const RACY_WINDOW_MS = 2000;
const READ_BATCH = 128;

export async function syncContent(catalogue: Catalogue, scope: 'tout' | Iterable<string>): Promise<SyncReport> {
  const started = Date.now();
  const { db } = catalogue;
  const known = await listSourceStats(db);
  const lastSync = Number((await getMeta(db, 'derniere_synchro')) ?? 0);
  const files = await filesInScope(catalogue.contentDir, scope, known.keys());
  const report: SyncReport = { lus: 0, analyses: 0, supprimes: 0, ontologieModifiee: false, publiees: 0, retirees: 0, dureeMs: 0 };
  const affectedSlugs = new Set<string>();

  const deleted = [...files].filter(([path, file]) => !file && known.has(path)).map(([path]) => path);
  for (const path of deleted) {
    const slug = known.get(path)?.slug;
    if (slug) affectedSlugs.add(slug);
  }
  const toCheck = [...files.values()].filter((file): file is ScannedFile => {
    if (!file) return false;
    const previous = known.get(file.relPath);
    return !previous || previous.size !== file.size || previous.mtime_ms !== file.mtimeMs || file.mtimeMs >= lastSync - RACY_WINDOW_MS;
  });

  // Vocabularies first: fiches are validated against the ontology they define.
  const vocabularyFiles = toCheck.filter((f) => f.entry.kind === 'vocabulaire');
  const vocabularyRows = await readChanged(catalogue, vocabularyFiles, known, report);
  const vocabularyDeleted = deleted.some((path) => known.get(path)?.genre === 'vocabulaire');
  if (vocabularyRows.length > 0 || vocabularyDeleted) {
    await inWriteTransaction(db, async (trx) => {
      await upsertSources(trx, vocabularyRows);
      await deleteSources(trx, deleted.filter((path) => known.get(path)?.genre === 'vocabulaire'));
    });
    catalogue.ontology = await loadOntology(db);
    catalogue.validator = createFicheValidator(catalogue.schemaSet, catalogue.ontology);
    report.ontologieModifiee = true;
  }

  const ficheFiles = toCheck.filter((f) => f.entry.kind !== 'vocabulaire');
  const rereadPaths = new Set<string>();
  for (let i = 0; i < ficheFiles.length; i += READ_BATCH) {
    const rows = await readChanged(catalogue, ficheFiles.slice(i, i + READ_BATCH), known, report);
    for (const row of rows) {
      Object.assign(row, validateSourceRow(row, catalogue));
      rereadPaths.add(row.path);
      if (row.slug) affectedSlugs.add(row.slug);
      const previousSlug = known.get(row.path)?.slug;
      if (previousSlug) affectedSlugs.add(previousSlug);
    }
    await inWriteTransaction(db, (trx) => upsertSources(trx, rows));
  }
  const ficheDeleted = deleted.filter((path) => known.get(path)?.genre === 'fiche');
  if (ficheDeleted.length > 0) await inWriteTransaction(db, (trx) => deleteSources(trx, ficheDeleted));
  report.supprimes = deleted.length;

  if (report.ontologieModifiee) await revalidateAll(catalogue, rereadPaths, affectedSlugs);

  const published = await publishSlugs(catalogue, [...affectedSlugs]);
  report.publiees = published.publiees;
  report.retirees = published.retirees;
  if (report.ontologieModifiee) {
    const values = await valuesById(db);
    catalogue.facets.reexpand(catalogue.ontology, (id) => values.get(id) ?? []);
  }
  if (report.ontologieModifiee || published.publiees + published.retirees > 0 || report.analyses > 0) catalogue.generation++;
  await setMeta(db, 'derniere_synchro', String(started));
  report.dureeMs = Date.now() - started;
  return report;
}

async function filesInScope(contentDir: string, scope: 'tout' | Iterable<string>, knownPaths: Iterable<string>): Promise<Map<string, ScannedFile | null>> {
  if (scope !== 'tout') return statPaths(contentDir, scope);
  const files = new Map<string, ScannedFile | null>((await scanContent(contentDir)).map((f) => [f.relPath, f]));
  for (const path of knownPaths) if (!files.has(path)) files.set(path, null);
  return files;
}

/** Reads files, keeping only those whose digest changed (the others just get their new stat). */
async function readChanged(catalogue: Catalogue, files: ScannedFile[], known: Map<string, { digest: string }>, report: SyncReport): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  await Promise.all(
    files.map(async (file) => {
      const previous = known.get(file.relPath);
      if (file.entry.kind === 'fiche-mal-nommee') {
        rows.push(sourceRowOf(file, digestOf(file.relPath), null, null, catalogue.vocabularyReader));
        return;
      }
      let read;
      try {
        read = await readOwnedFile(catalogue.contentDir, file);
      } catch (error) {
        read = { problem: `fichier illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'})` };
      }
      report.lus++;
      if ('problem' in read) {
        rows.push(sourceRowOf(file, digestOf(`${file.relPath}:${file.size}:${file.mtimeMs}`), null, read.problem, catalogue.vocabularyReader));
        return;
      }
      if (previous?.digest === read.digest) {
        await updateSourceStat(catalogue.db, file.relPath, file.mtimeMs, file.size);
        return;
      }
      report.analyses++;
      rows.push(sourceRowOf(file, read.digest, read.content, null, catalogue.vocabularyReader));
    }),
  );
  return rows;
}

/** After an ontology change: every fiche validated again from the parse cache (no file read). */
async function revalidateAll(catalogue: Catalogue, alreadyDone: Set<string>, affectedSlugs: Set<string>): Promise<void> {
  const page = 500;
  for (let after = ''; ; ) {
    const rows = await listFicheSourcesAfter(catalogue.db, after, page);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.path;
    const changed: SourceRow[] = [];
    for (const row of rows) {
      if (alreadyDone.has(row.path)) continue;
      const validation = validateSourceRow(row, catalogue);
      if (validation.valide !== row.valide || validation.problemes !== row.problemes || validation.donnees !== row.donnees) {
        changed.push({ ...row, ...validation });
        if (row.slug) affectedSlugs.add(row.slug);
      }
    }
    if (changed.length > 0) await inWriteTransaction(catalogue.db, (trx) => upsertSources(trx, changed));
  }
}
