// Publishing: for each slug touched by a sync, decide which file (if any) is served under it —
// exactly one valid file, never two files claiming the same slug — and bring the served tables
// (fiches, values, links, full text) and the in-memory facet sets in line.
import type { FicheRecord } from '../content/fiche-record.js';
import { ficheFullText } from '../search/fiche-text.js';
import { deleteFiche, getFichesBySlugs, insertFiche, type FicheRow } from '../db/fiches-repository.js';
import { getFicheSourcesBySlug, type SourceRow } from '../db/sources-repository.js';
import { inWriteTransaction } from '../db/write-transaction.js';
import type { FicheReading } from '../content/read-fiche.js';
import type { Catalogue } from './catalogue.js';

const SLUG_BATCH = 200;

export async function publishSlugs(catalogue: Catalogue, slugs: string[]): Promise<{ publiees: number; retirees: number }> {
  let publiees = 0;
  let retirees = 0;
  for (let i = 0; i < slugs.length; i += SLUG_BATCH) {
    const batch = slugs.slice(i, i + SLUG_BATCH);
    const candidates = groupBySlug(await getFicheSourcesBySlug(catalogue.db, batch));
    const current = new Map((await getFichesBySlugs(catalogue.db, batch)).map((f) => [f.slug, f]));
    const memoryUpdates: Array<() => void> = [];
    await inWriteTransaction(catalogue.db, async (trx) => {
      for (const slug of batch) {
        const sources = candidates.get(slug) ?? [];
        const chosen = sources.length === 1 && sources[0]!.valide === 1 ? sources[0]! : null;
        const served = current.get(slug);
        if (chosen && served && served.path === chosen.path && served.revision === revisionOf(chosen) && served.donnees === chosen.donnees) continue;
        if (served) {
          await deleteFiche(trx, served.id);
          memoryUpdates.push(() => catalogue.facets.remove(served.id));
          if (!chosen) {
            retirees++;
            memoryUpdates.push(() => catalogue.slots.release(served.id));
          }
        }
        if (chosen) {
          const id = served?.id ?? catalogue.slots.take();
          const record = JSON.parse(chosen.donnees!) as FicheRecord;
          const reading = JSON.parse(chosen.lecture) as FicheReading;
          const row = ficheRowOf(id, chosen, record);
          await insertFiche(trx, row, record.facets, record.links, ficheFullText(record, reading.text));
          memoryUpdates.push(() => catalogue.facets.upsert(row, record.facets));
          publiees++;
        }
      }
    });
    memoryUpdates.forEach((apply) => apply());
  }
  return { publiees, retirees };
}

/** The revision of a fiche: changes whenever its file does (opaque to clients). */
export function revisionOf(source: Pick<SourceRow, 'digest'>): string {
  return source.digest.slice(0, 20);
}

function ficheRowOf(id: number, source: SourceRow, record: FicheRecord): FicheRow {
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
    donnees: source.donnees!,
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
