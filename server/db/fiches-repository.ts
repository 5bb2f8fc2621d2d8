// SQL of the served fiches: `fiches`, their facet values, their links and the full-text table.
import type SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, FichesTable, LiensTable } from './database.js';

export type FicheRow = Selectable<FichesTable>;
export type LienRow = Omit<Selectable<LiensTable>, 'id' | 'fiche_id'>;

/** Text already analysed by the French analyser, one string of terms per column. */
export interface AnalysedText {
  titre: string;
  resume: string;
  corps: string;
}

const BATCH = 300;

export interface FicheToInsert {
  fiche: FicheRow;
  links: LienRow[];
  /** Plain text of the body (excerpts). */
  bodyText: string;
  /** The same, analysed, with title and résumé (full-text index). */
  text: AnalysedText;
}

/** Inserts served fiches with their links and full text, in multi-row statements. */
export async function insertFiches(db: Kysely<Database>, items: FicheToInsert[]): Promise<void> {
  if (items.length === 0) return;
  for (const chunk of chunks(items, 200)) await db.insertInto('fiches').values(chunk.map((i) => i.fiche)).execute();
  const links = items.flatMap((i) => i.links.map((l) => ({ ...l, fiche_id: i.fiche.id })));
  for (const chunk of chunks(links, 1000)) await db.insertInto('liens').values(chunk).execute();
  for (const chunk of chunks(items, 200)) await db.insertInto('textes').values(chunk.map((i) => ({ id: i.fiche.id, texte: i.bodyText }))).execute();
  for (const chunk of chunks(items, 200)) {
    const rows = chunk.map((i) => sql`(${i.fiche.id}, ${i.text.titre}, ${i.text.resume}, ${i.text.corps})`);
    await sql`INSERT INTO fiches_fts (rowid, titre, resume, corps) VALUES ${sql.join(rows)}`.execute(db);
  }
}

/** Deletes served fiches (their links cascade) and their full text. */
export async function deleteFiches(db: Kysely<Database>, ids: number[]): Promise<void> {
  for (const chunk of chunks(ids, 500)) {
    await db.deleteFrom('fiches').where('id', 'in', chunk).execute();
    await sql`DELETE FROM fiches_fts WHERE rowid IN (${sql.join(chunk)})`.execute(db);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A served fiche with its record (JSON) and Markdown body, kept in its source row. */
export async function getServedFiche(db: Kysely<Database>, slug: string): Promise<(FicheRow & { donnees: string; body: string }) | undefined> {
  const row = await db
    .selectFrom('fiches')
    .innerJoin('sources', 'sources.path', 'fiches.path')
    .selectAll('fiches')
    .select(['sources.donnees', sql<string>`json_extract(sources.lecture, '$.body')`.as('body')])
    .where('fiches.slug', '=', slug)
    .executeTakeFirst();
  return row && row.donnees !== null ? { ...row, donnees: row.donnees, body: row.body ?? '' } : undefined;
}

export async function getFichesBySlugs(db: Kysely<Database>, slugs: string[]): Promise<FicheRow[]> {
  const out: FicheRow[] = [];
  for (let i = 0; i < slugs.length; i += BATCH) {
    out.push(...(await db.selectFrom('fiches').selectAll().where('slug', 'in', slugs.slice(i, i + BATCH)).execute()));
  }
  return out;
}

export interface LoadedFiche {
  summary: Omit<FicheRow, 'empreinte' | 'path' | 'revision' | 'valeurs'>;
  pairs: Int32Array;
}

/**
 * What the in-memory index is loaded from at start: one row per served fiche. Raw rows through a
 * prepared statement (half the cost of row objects at 50,000 fiches), value ids from their blob.
 */
export function loadFiches(sqlite: SqliteDatabase.Database): LoadedFiche[] {
  const rows = sqlite.prepare('SELECT id, slug, type, titre, resume, licence, visibilite, modifie, valeurs FROM fiches').raw(true).all() as Array<
    [number, string, string, string, string, string, string, string | null, Buffer]
  >;
  // One buffer for the pair ids of every fiche, each fiche a view on it: an ArrayBuffer per
  // fiche made garbage collection the largest cost of a cold start at 50,000 fiches.
  let total = 0;
  for (const row of rows) total += row[8].byteLength >> 2;
  const pool = new Int32Array(total);
  let offset = 0;
  return rows.map(([id, slug, type, titre, resume, licence, visibilite, modifie, valeurs]) => {
    const count = valeurs.byteLength >> 2;
    for (let i = 0; i < count; i++) pool[offset + i] = valeurs.readInt32LE(4 * i);
    offset += count;
    return { summary: { id, slug, type, titre, resume, licence, visibilite, modifie }, pairs: pool.subarray(offset - count, offset) };
  });
}

/** Int32 ids to store (little-endian, as loadFiches reads them). */
export function pairIdsBlob(ids: Int32Array): Buffer {
  const blob = Buffer.alloc(ids.length * 4);
  ids.forEach((id, i) => blob.writeInt32LE(id, 4 * i));
  return blob;
}

export async function listPairs(db: Kysely<Database>) {
  return db.selectFrom('paires').select(['id', 'facette', 'valeur']).execute();
}

export async function insertPairs(db: Kysely<Database>, pairs: Array<{ id: number; facette: string; valeur: string }>): Promise<void> {
  for (const chunk of chunks(pairs, 300)) await db.insertInto('paires').values(chunk).onConflict((oc) => oc.doNothing()).execute();
}

/** Links pointing at a slug, from any served fiche (the caller filters visibility). */
export async function listLinksTo(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('liens')
    .innerJoin('fiches', 'fiches.id', 'liens.fiche_id')
    .select(['fiches.id as source_id', 'fiches.slug', 'fiches.titre', 'liens.genre', 'liens.relation'])
    .where('liens.cible', '=', slug)
    .where('liens.genre', '!=', 'ressource')
    .orderBy('fiches.titre')
    .execute();
}

/** Links whose target is not a served fiche, with the file and line that hold them. */
export async function listDanglingLinks(db: Kysely<Database>) {
  return db
    .selectFrom('liens')
    .innerJoin('fiches', 'fiches.id', 'liens.fiche_id')
    .leftJoin('fiches as cibles', 'cibles.slug', 'liens.cible')
    .select(['fiches.path', 'liens.genre', 'liens.relation', 'liens.cible', 'liens.ligne', 'liens.pointeur'])
    .where('cibles.id', 'is', null)
    .orderBy('fiches.path')
    .orderBy('liens.ligne')
    .execute();
}

/** Plain text of the bodies of some fiches (for excerpts). */
export async function getBodyTexts(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('textes').select(['id', 'texte']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.texte]));
}

export async function listFicheIds(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('fiches').select('id').execute();
  return rows.map((r) => r.id);
}
