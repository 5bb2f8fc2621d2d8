// SQL of full-text search: FTS5 over pre-analysed text, ranked by BM25 with the title and the
// résumé weighing more than the body.
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

export const COLUMN_WEIGHTS = { titre: 10, resume: 4, corps: 1 } as const;

/** Every fiche matching an FTS5 expression built by search/fts-expression (never user text). */
export async function matchFullText(db: Kysely<Database>, expression: string): Promise<Array<{ id: number; score: number }>> {
  const { titre, resume, corps } = COLUMN_WEIGHTS;
  const result = await sql<{ id: number; score: number }>`
    SELECT rowid AS id, bm25(fiches_fts, ${titre}, ${resume}, ${corps}) AS score
    FROM fiches_fts WHERE fiches_fts MATCH ${expression}`.execute(db);
  return result.rows;
}
