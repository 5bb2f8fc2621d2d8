// SQL of full-text search: FTS5 over pre-analysed text, ranked by BM25 with the title and the
// résumé weighing more than the body. This is the hot path of every search, so it runs as one
// prepared statement returning raw rows (kysely's per-row objects doubled its cost).
import type SqliteDatabase from 'better-sqlite3';

export const COLUMN_WEIGHTS = { titre: 10, resume: 4, corps: 1 } as const;

export interface FullTextHits {
  ids: Int32Array;
  /** BM25 scores (lower is better), aligned with ids. */
  scores: Float64Array;
}

const statements = new WeakMap<SqliteDatabase.Database, { ranked: SqliteDatabase.Statement; plain: SqliteDatabase.Statement }>();

function statementsOf(sqlite: SqliteDatabase.Database) {
  let prepared = statements.get(sqlite);
  if (!prepared) {
    const { titre, resume, corps } = COLUMN_WEIGHTS;
    prepared = {
      ranked: sqlite.prepare(`SELECT rowid, bm25(fiches_fts, ${titre}, ${resume}, ${corps}) FROM fiches_fts WHERE fiches_fts MATCH ?`).raw(true),
      plain: sqlite.prepare('SELECT rowid FROM fiches_fts WHERE fiches_fts MATCH ?').pluck(true),
    };
    statements.set(sqlite, prepared);
  }
  return prepared;
}

/** Every fiche matching an FTS5 expression built by search/fts-expression (never user text). */
export function matchFullText(sqlite: SqliteDatabase.Database, expression: string): FullTextHits {
  const rows = statementsOf(sqlite).ranked.all(expression) as Array<[number, number]>;
  const ids = new Int32Array(rows.length);
  const scores = new Float64Array(rows.length);
  rows.forEach(([id, score], i) => {
    ids[i] = id;
    scores[i] = score;
  });
  return { ids, scores };
}

/** The ids only (no ranking): for exclusions. */
export function matchFullTextIds(sqlite: SqliteDatabase.Database, expression: string): number[] {
  return statementsOf(sqlite).plain.all(expression) as number[];
}
