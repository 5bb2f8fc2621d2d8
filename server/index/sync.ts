// Brings the index in line with the content folder: reads only files whose size or mtime
// changed (and re-parses only those whose digest changed), re-validates everything from the
// parse cache when the ontology changed, then publishes or withdraws the fiches concerned,
// batch by batch. One bad file never stops the sync: its problems are stored with it.
import { getMeta, setMeta } from '../db/meta-repository.js';
import { listSlugsOutOfStep } from '../db/out-of-step-repository.js';
import { deleteSources, getSources, listSourceStats, updateSourceStat, upsertSources, type SourceRow, type SourceStat } from '../db/sources-repository.js';
import { inWriteTransaction } from '../db/write-transaction.js';
import { lazyFicheValidator } from '../validation/fiche-validator.js';
import { loadOntology, type Catalogue } from './catalogue.js';
import { REVISION_LENGTH, publishSlugs, type FreshSource, type PublishCounts } from './publish.js';
import { digestOf, readOwnedFile, sourceRowOf } from './read-source.js';
import { scanContent, statPaths, type ScannedFile } from './scan.js';
import type { WorkerScan } from './scan-in-worker.js';
import { validateSourceRow } from './validate-source.js';
import type { FileOutcome } from './read-fiche-file.js';
import { readFicheFiles } from './read-pool.js';

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

/** Files modified this close to the previous sync may have changed again within the same mtime
 * tick (ext4 and tmpfs stamp at a few ms; a coarser file system would need more). */
const RACY_WINDOW_MS = 100;
const REVALIDATE_PAGE = 500;
/**
 * Set in the same transaction as sources that are yet to be published, cleared when a sync ends:
 * still set at the start of a sync, it says the previous one stopped in between (killed, or its
 * publication failed), so this one ends by publishing whatever is out of step. Without it, a file
 * whose new stat was recorded but whose fiche was not published would be served stale until it
 * changes again (found by scripts/crash-test.ts).
 */
const PUBLICATION_PENDING = 'publication_en_cours';
/** The same for an ontology change: stored vocabularies whose fiches were not all re-validated yet. */
const REVALIDATION_PENDING = 'revalidation_en_cours';

export async function syncContent(catalogue: Catalogue, scope: 'tout' | Iterable<string>): Promise<SyncReport> {
  let started = Date.now();
  const { db } = catalogue;
  const earlyScan = scope === 'tout' ? await takeEarlyScan(catalogue) : null;
  // A sync on an earlier scan counts as started when that scan did (see RACY_WINDOW_MS).
  if (earlyScan) started = Math.min(started, earlyScan.startedAt);
  const known = await listSourceStats(db);
  const lastSync = Number((await getMeta(db, 'derniere_synchro')) ?? 0);
  const interrupted = (await getMeta(db, PUBLICATION_PENDING)) === '1';
  const revalidationInterrupted = (await getMeta(db, REVALIDATION_PENDING)) === '1';
  const files = await filesInScope(catalogue.contentDir, scope, known.keys(), earlyScan?.files);
  const report: SyncReport = { lus: 0, analyses: 0, supprimes: 0, ontologieModifiee: false, publiees: 0, retirees: 0, dureeMs: 0 };
  const published = (counts: PublishCounts) => {
    report.publiees += counts.publiees;
    report.retirees += counts.retirees;
  };

  const deleted = [...files].filter(([path, file]) => !file && known.has(path)).map(([path]) => known.get(path)!);
  const toCheck = [...files.values()].filter((file): file is ScannedFile => {
    if (!file) return false;
    const previous = known.get(file.relPath);
    return !previous || previous.size !== file.size || previous.mtime_ms !== file.mtimeMs || file.mtimeMs >= lastSync - RACY_WINDOW_MS;
  });
  report.supprimes = deleted.length;

  // Vocabularies first: fiches are validated against the ontology they define.
  const vocabularyRows = await readVocabularies(catalogue, toCheck.filter((f) => f.entry.kind === 'vocabulaire'), known, report);
  const vocabularyDeleted = deleted.filter((s) => s.genre === 'vocabulaire').map((s) => s.path);
  if (vocabularyRows.length > 0 || vocabularyDeleted.length > 0 || revalidationInterrupted) {
    await inWriteTransaction(db, async (trx) => {
      await upsertSources(trx, vocabularyRows);
      await deleteSources(trx, vocabularyDeleted);
      await setMeta(trx, REVALIDATION_PENDING, '1');
    });
    catalogue.ontology = await loadOntology(db);
    catalogue.validator = lazyFicheValidator(catalogue.schemaSet, catalogue.ontology);
    report.ontologieModifiee = true;
  }

  const ficheFiles = toCheck.filter((f) => f.entry.kind !== 'vocabulaire');
  const done = new Set<string>();
  await readFicheFiles(catalogue, ficheFiles, known, async (outcomes) => published(await applyOutcomes(catalogue, outcomes, report, done)));

  const ficheDeleted = deleted.filter((s) => s.genre === 'fiche');
  if (ficheDeleted.length > 0) {
    await inWriteTransaction(db, async (trx) => {
      await deleteSources(trx, ficheDeleted.map((s) => s.path));
      await setMeta(trx, PUBLICATION_PENDING, '1');
    });
    published(await publishSlugs(catalogue, ficheDeleted.flatMap((s) => (s.slug ? [s.slug] : []))));
  }

  if (report.ontologieModifiee) {
    // Fiches read in this sync were validated against the new ontology already; the others are
    // re-validated from the parse cache, by primary key (a paged scan cost 23 s at 50,000).
    const deletedPaths = new Set(deleted.map((s) => s.path));
    const others = [...known.values()].filter((s) => s.genre === 'fiche' && !done.has(s.path) && !deletedPaths.has(s.path)).map((s) => s.path);
    await revalidate(catalogue, others, published);
    catalogue.facets.reexpand(catalogue.ontology);
    catalogue.generation++;
    await setMeta(db, REVALIDATION_PENDING, '0');
  }
  if (interrupted) published(await publishSlugs(catalogue, await listSlugsOutOfStep(db, REVISION_LENGTH)));
  await setMeta(db, 'derniere_synchro', String(started));
  if (interrupted || (await getMeta(db, PUBLICATION_PENDING)) === '1') await setMeta(db, PUBLICATION_PENDING, '0');
  report.dureeMs = Date.now() - started;
  return report;
}

async function takeEarlyScan(catalogue: Catalogue): Promise<WorkerScan | null> {
  const pending = catalogue.earlyScan;
  catalogue.earlyScan = null;
  return pending ? await pending : null;
}

async function filesInScope(
  contentDir: string,
  scope: 'tout' | Iterable<string>,
  knownPaths: Iterable<string>,
  scanned?: ScannedFile[],
): Promise<Map<string, ScannedFile | null>> {
  if (scope !== 'tout') return statPaths(contentDir, scope);
  const files = new Map<string, ScannedFile | null>((scanned ?? (await scanContent(contentDir))).map((f) => [f.relPath, f]));
  for (const path of knownPaths) if (!files.has(path)) files.set(path, null);
  return files;
}

/** Reads vocabulary files, keeping only those whose digest changed (the others get their new stat). */
async function readVocabularies(catalogue: Catalogue, files: ScannedFile[], known: Map<string, SourceStat>, report: SyncReport): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for (const file of files) {
    let read;
    try {
      read = readOwnedFile(catalogue.contentDir, file);
    } catch (error) {
      read = { problem: `fichier illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'})` };
    }
    report.lus++;
    if ('problem' in read) {
      rows.push(sourceRowOf(file, digestOf(`${file.relPath}:${file.size}:${file.mtimeMs}`), null, read.problem, catalogue.vocabularyReader).row);
    } else if (known.get(file.relPath)?.digest === read.digest) {
      await updateSourceStat(catalogue.db, file.relPath, file.mtimeMs, file.size);
    } else {
      report.analyses++;
      rows.push(sourceRowOf(file, read.digest, read.content, null, catalogue.vocabularyReader).row);
    }
  }
  return rows;
}

/** Stores what the reader gave for a batch of fiche files, then publishes their slugs. */
async function applyOutcomes(catalogue: Catalogue, outcomes: FileOutcome[], report: SyncReport, done: Set<string>): Promise<PublishCounts> {
  const rows: SourceRow[] = [];
  const fresh = new Map<string, FreshSource>();
  const slugs = new Set<string>();
  const unchanged: ScannedFile[] = [];
  for (const outcome of outcomes) {
    if (outcome.lu) report.lus++;
    if (outcome.kind === 'inchange') {
      unchanged.push(outcome.file);
      continue;
    }
    report.analyses++;
    rows.push(outcome.row);
    if (outcome.fresh) fresh.set(outcome.row.path, outcome.fresh);
    if (outcome.row.slug) slugs.add(outcome.row.slug);
    done.add(outcome.row.path);
  }
  await inWriteTransaction(catalogue.db, async (trx) => {
    await upsertSources(trx, rows);
    for (const file of unchanged) await updateSourceStat(trx, file.relPath, file.mtimeMs, file.size);
    if (slugs.size > 0) await setMeta(trx, PUBLICATION_PENDING, '1');
  });
  return publishSlugs(catalogue, slugs, fresh);
}

/** After an ontology change: fiches validated again from the parse cache (no file read). */
async function revalidate(catalogue: Catalogue, paths: string[], published: (counts: PublishCounts) => void): Promise<void> {
  for (let i = 0; i < paths.length; i += REVALIDATE_PAGE) {
    const changed: SourceRow[] = [];
    const fresh = new Map<string, FreshSource>();
    for (const row of await getSources(catalogue.db, paths.slice(i, i + REVALIDATE_PAGE))) {
      const { fields, record, reading } = validateSourceRow(row, catalogue);
      if (fields.valide === row.valide && fields.problemes === row.problemes && fields.donnees === row.donnees) continue;
      changed.push({ ...row, ...fields });
      if (record) fresh.set(row.path, { record, text: reading.text });
    }
    if (changed.length === 0) continue;
    await inWriteTransaction(catalogue.db, async (trx) => {
      await upsertSources(trx, changed);
      await setMeta(trx, PUBLICATION_PENDING, '1');
    });
    published(await publishSlugs(catalogue, changed.flatMap((r) => (r.slug ? [r.slug] : [])), fresh));
  }
}
