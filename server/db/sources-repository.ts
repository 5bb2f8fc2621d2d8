// SQL of the `sources` table: the parse cache of every owned content file.
import type { Kysely, Selectable } from 'kysely';
import type { Database, SourcesTable } from './database.js';

export type SourceRow = Selectable<SourcesTable>;
export type SourceStat = Pick<SourceRow, 'path' | 'genre' | 'mtime_ms' | 'size' | 'digest' | 'slug'>;

const BATCH = 200;

export async function listSourceStats(db: Kysely<Database>): Promise<Map<string, SourceStat>> {
  const rows = await db.selectFrom('sources').select(['path', 'genre', 'mtime_ms', 'size', 'digest', 'slug']).execute();
  return new Map(rows.map((r) => [r.path, r]));
}

export async function countSources(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getSources(db: Kysely<Database>, paths: string[]): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for (let i = 0; i < paths.length; i += BATCH) {
    out.push(...(await db.selectFrom('sources').selectAll().where('path', 'in', paths.slice(i, i + BATCH)).execute()));
  }
  return out;
}

export async function getFicheSourcesBySlug(db: Kysely<Database>, slugs: string[]): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for (let i = 0; i < slugs.length; i += BATCH) {
    out.push(
      ...(await db
        .selectFrom('sources')
        .selectAll()
        .where('genre', '=', 'fiche')
        .where('slug', 'in', slugs.slice(i, i + BATCH))
        .execute()),
    );
  }
  return out;
}

export async function listVocabularySources(db: Kysely<Database>): Promise<SourceRow[]> {
  return db.selectFrom('sources').selectAll().where('genre', '=', 'vocabulaire').orderBy('path').execute();
}

export async function upsertSources(db: Kysely<Database>, rows: SourceRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('sources')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.column('path').doUpdateSet((eb) => ({
          genre: eb.ref('excluded.genre'),
          type: eb.ref('excluded.type'),
          slug: eb.ref('excluded.slug'),
          mtime_ms: eb.ref('excluded.mtime_ms'),
          size: eb.ref('excluded.size'),
          digest: eb.ref('excluded.digest'),
          lecture: eb.ref('excluded.lecture'),
          valide: eb.ref('excluded.valide'),
          problemes: eb.ref('excluded.problemes'),
          donnees: eb.ref('excluded.donnees'),
        })),
      )
      .execute();
  }
}

export async function updateSourceStat(db: Kysely<Database>, path: string, mtimeMs: number, size: number): Promise<void> {
  await db.updateTable('sources').set({ mtime_ms: mtimeMs, size }).where('path', '=', path).execute();
}

export async function deleteSources(db: Kysely<Database>, paths: string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += BATCH) {
    await db.deleteFrom('sources').where('path', 'in', paths.slice(i, i + BATCH)).execute();
  }
}

export async function listSourcesWithProblems(db: Kysely<Database>): Promise<Array<Pick<SourceRow, 'path' | 'problemes'>>> {
  return db.selectFrom('sources').select(['path', 'problemes']).where('problemes', '!=', '[]').orderBy('path').execute();
}

/** Slugs claimed by more than one fiche file (e.g. commun/x.md and outil/x.md). */
export async function listDuplicateSlugs(db: Kysely<Database>): Promise<Array<{ slug: string; paths: string }>> {
  const rows = await db
    .selectFrom('sources')
    .select((eb) => ['slug', eb.fn<string>('group_concat', ['path']).as('paths')])
    .where('genre', '=', 'fiche')
    .where('slug', 'is not', null)
    .groupBy('slug')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  return rows.map((r) => ({ slug: r.slug!, paths: r.paths }));
}
