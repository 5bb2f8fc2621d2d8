// After a restart, the index the server built must be the one a rebuild from disk gives: the same
// fiches at the same revisions in its database, and the same public fiches in the API's answers.
// The rebuild uses the server's own code (openIndexDb, openCatalogue, syncContent) on an empty
// temp DATA_DIR, so it starts from nothing the crashed server left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ROOT_DIR } from '../../server/config.js';
import { openIndexDb } from '../../server/db/connect.js';
import type { Database } from '../../server/db/database.js';
import { openCatalogue } from '../../server/index/catalogue.js';
import { syncContent } from '../../server/index/sync.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';

export interface IndexedFiche {
  revision: string;
  visibilite: string;
}

const schemaSet = loadSchemaSet(path.join(ROOT_DIR, 'schemas'));

export async function rebuiltIndex(contentDir: string): Promise<Map<string, IndexedFiche>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-pannes-index-'));
  const indexDb = await openIndexDb(path.join(dir, 'index.sqlite'));
  try {
    await syncContent(await openCatalogue(contentDir, indexDb, schemaSet), 'tout');
    return await indexedFiches(indexDb.db);
  } finally {
    await indexDb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The live server's index, read (read-only) while it runs. */
export async function liveIndex(dataDir: string): Promise<Map<string, IndexedFiche>> {
  const sqlite = new SqliteDatabase(path.join(dataDir, 'index.sqlite'), { readonly: true, fileMustExist: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    return await indexedFiches(db);
  } finally {
    await db.destroy();
  }
}

async function indexedFiches(db: Kysely<Database>): Promise<Map<string, IndexedFiche>> {
  const rows = await db.selectFrom('fiches').select(['slug', 'revision', 'visibilite']).execute();
  return new Map(rows.map((row) => [row.slug, { revision: row.revision, visibilite: row.visibilite }]));
}

/** Slugs `GET /api/fiches` lists, every page. */
export async function listedSlugs(baseUrl: string): Promise<Set<string>> {
  const slugs = new Set<string>();
  for (let page = 1; ; page += 1) {
    const reply = (await (await fetch(`${baseUrl}/api/fiches?par_page=100&page=${page}`)).json()) as { total: number; resultats: Array<{ slug: string }> };
    for (const fiche of reply.resultats) slugs.add(fiche.slug);
    if (reply.resultats.length === 0 || slugs.size >= reply.total) return slugs;
  }
}

/** Differences between the served index and the rebuilt one, as French lines. */
export async function compareWithRebuild(rebuilt: Map<string, IndexedFiche>, dataDir: string, baseUrl: string, sampled: string[]): Promise<string[]> {
  const [expected, live, listed] = [rebuilt, await liveIndex(dataDir), await listedSlugs(baseUrl)];
  const problems: string[] = [];
  for (const [slug, fiche] of expected) {
    const served = live.get(slug);
    if (!served) problems.push(`index : ${slug} manque (présente sur le disque)`);
    else if (served.revision !== fiche.revision) problems.push(`index : ${slug} à la révision ${served.revision}, le disque dit ${fiche.revision}`);
    if (fiche.visibilite === 'public' && !listed.has(slug)) problems.push(`API : ${slug} absente de GET /api/fiches`);
  }
  for (const slug of live.keys()) if (!expected.has(slug)) problems.push(`index : ${slug} servie mais absente du disque`);
  for (const slug of listed) if (!expected.has(slug)) problems.push(`API : ${slug} listée mais absente du disque`);
  for (const slug of sampled) {
    const etag = (await fetch(`${baseUrl}/api/fiches/${slug}`)).headers.get('etag');
    const revision = expected.get(slug)?.revision;
    if (revision && etag !== `"${revision}"`) problems.push(`API : GET /api/fiches/${slug} annonce ${etag}, le disque dit "${revision}"`);
  }
  return problems;
}
