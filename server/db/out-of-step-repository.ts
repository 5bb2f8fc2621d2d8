// SQL that finds where the served tables disagree with the parse cache: the state a sync leaves
// when it stops between storing what it read (`sources`) and publishing it (`fiches`).
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Slugs to publish again: a fiche source whose slug is served from no file, from another file or
 * at another revision (the first `revisionLength` characters of its digest), and a served fiche
 * whose file is no longer known. Slugs rightly unserved (an invalid file, two files claiming one
 * slug) come back too; publishing them again changes nothing.
 */
export async function listSlugsOutOfStep(db: Kysely<Database>, revisionLength: number): Promise<string[]> {
  const unserved = await db
    .selectFrom('sources as s')
    .leftJoin('fiches as f', 'f.slug', 's.slug')
    .select('s.slug')
    .where('s.genre', '=', 'fiche')
    .where('s.slug', 'is not', null)
    .where((eb) => eb.or([eb('f.id', 'is', null), eb('f.path', '!=', eb.ref('s.path')), eb('f.revision', '!=', sql<string>`substr(s.digest, 1, ${revisionLength})`)]))
    .execute();
  const orphaned = await db.selectFrom('fiches as f').leftJoin('sources as s', 's.path', 'f.path').select('f.slug').where('s.path', 'is', null).execute();
  return [...new Set([...unserved.map((row) => row.slug!), ...orphaned.map((row) => row.slug)])];
}
