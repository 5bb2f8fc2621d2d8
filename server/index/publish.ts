// Publishing: for each slug touched by a sync, decide which file (if any) is served under it —
// exactly one valid file, never two files claiming the same slug — and bring the served tables
// (fiches, values, links, full text) and the in-memory facet sets in line, in one transaction
// per batch.
import type { FicheRecord } from '../content/fiche-record.js';
import { restoreReading } from '../content/read-fiche.js';
import { deleteFiches, getFichesBySlugs, insertFiches, insertPairs, pairIdsBlob, type AnalysedText, type FicheRow, type FicheToInsert } from '../db/fiches-repository.js';
import type { Pair } from './facet-values.js';
import { getFicheSourcesBySlug, type SourceRow } from '../db/sources-repository.js';
import { inWriteTransaction } from '../db/write-transaction.js';
import { ficheFullText } from '../search/fiche-text.js';
import type { Catalogue } from './catalogue.js';
import { digestOf } from './read-source.js';

const SLUG_BATCH = 200;

/** What a sync already has in memory for a source it just read (saves parsing it back). */
export interface FreshSource {
  record: FicheRecord;
  text: string;
  /** The full text already analysed (by the reading worker), if it was. */
  analysed?: AnalysedText;
}

export interface PublishCounts {
  publiees: number;
  retirees: number;
}

export async function publishSlugs(catalogue: Catalogue, slugs: Iterable<string>, fresh: ReadonlyMap<string, FreshSource> = new Map()): Promise<PublishCounts> {
  const counts: PublishCounts = { publiees: 0, retirees: 0 };
  const list = [...new Set(slugs)];
  for (let i = 0; i < list.length; i += SLUG_BATCH) {
    await publishBatch(catalogue, list.slice(i, i + SLUG_BATCH), fresh, counts);
  }
  return counts;
}

async function publishBatch(catalogue: Catalogue, slugs: string[], fresh: ReadonlyMap<string, FreshSource>, counts: PublishCounts): Promise<void> {
  const candidates = groupBySlug(await getFicheSourcesBySlug(catalogue.db, slugs));
  const current = new Map((await getFichesBySlugs(catalogue.db, slugs)).map((f) => [f.slug, f]));
  const toDelete: FicheRow[] = [];
  const toInsert: FicheToInsert[] = [];
  const pairsOf = new Map<number, Int32Array>();
  const newPairs: Pair[] = [];
  for (const slug of slugs) {
    const sources = candidates.get(slug) ?? [];
    const chosen = sources.length === 1 && sources[0]!.valide === 1 ? sources[0]! : null;
    const served = current.get(slug);
    if (chosen && served && served.path === chosen.path && served.revision === revisionOf(chosen) && served.empreinte === digestOf(chosen.donnees!)) continue;
    if (served) toDelete.push(served);
    if (!chosen) continue;
    const { record, text, analysed } = fresh.get(chosen.path) ?? fromCache(chosen);
    const { ids, added } = catalogue.facets.internValues(record.facets);
    newPairs.push(...added);
    const fiche = ficheRowOf(served?.id ?? catalogue.slots.take(), chosen, record, ids);
    toInsert.push({ fiche, links: record.links, bodyText: text, text: analysed ?? ficheFullText(record, text) });
    pairsOf.set(fiche.id, ids);
  }
  if (toDelete.length === 0 && toInsert.length === 0) return;
  // New pairs are stored on their own first: once interned in memory they are never offered
  // again, so they must not be lost with a failed fiche transaction.
  if (newPairs.length > 0) await inWriteTransaction(catalogue.db, (trx) => insertPairs(trx, newPairs));
  await inWriteTransaction(catalogue.db, async (trx) => {
    await deleteFiches(trx, toDelete.map((f) => f.id));
    await insertFiches(trx, toInsert);
  });
  // Memory follows only once the transaction is committed.
  const reused = new Set(toInsert.map((i) => i.fiche.id));
  for (const served of toDelete) {
    catalogue.facets.remove(served.id);
    if (!reused.has(served.id)) {
      catalogue.slots.release(served.id);
      counts.retirees++;
    }
  }
  for (const item of toInsert) catalogue.facets.upsert(item.fiche, pairsOf.get(item.fiche.id)!);
  // With the memory, not at the end of the sync: a cached answer must not outlive the change
  // that a direct request can already see.
  catalogue.generation++;
  counts.publiees += toInsert.length;
}

function fromCache(source: SourceRow): FreshSource {
  return { record: JSON.parse(source.donnees!) as FicheRecord, text: restoreReading(source.lecture).text };
}

/** Characters of the file's digest that make its revision. */
export const REVISION_LENGTH = 20;

/** The revision of a fiche: changes whenever its file does (opaque to clients). */
export function revisionOf(source: Pick<SourceRow, 'digest'>): string {
  return source.digest.slice(0, REVISION_LENGTH);
}

function ficheRowOf(id: number, source: SourceRow, record: FicheRecord, pairs: Int32Array): FicheRow {
  return {
    id,
    slug: record.slug,
    path: source.path,
    type: record.type,
    titre: record.titre,
    resume: record.resume,
    licence: record.licence,
    visibilite: record.visibilite,
    modifie: record.modifie,
    revision: revisionOf(source),
    empreinte: digestOf(source.donnees!),
    valeurs: pairIdsBlob(pairs),
  };
}

function groupBySlug(rows: SourceRow[]): Map<string, SourceRow[]> {
  const map = new Map<string, SourceRow[]>();
  for (const row of rows) {
    const list = map.get(row.slug!) ?? [];
    list.push(row);
    map.set(row.slug!, list);
  }
  return map;
}
