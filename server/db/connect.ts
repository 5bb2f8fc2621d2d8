// Opens the index database: WAL, a busy timeout, foreign keys, and a schema at the version the
// code expects. The index is a cache of the content folder, so an outdated schema is dropped
// and rebuilt rather than migrated.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { INDEX_SCHEMA_VERSION, createIndexSchema } from './schema.js';

export interface IndexDb {
  db: Kysely<Database>;
  sqlite: SqliteDatabase.Database;
  /** True when the file was created or reset: everything must be read again. */
  fresh: boolean;
  close(): Promise<void>;
}

export async function openIndexDb(file: string): Promise<IndexDb> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const { sqlite, fresh } = openUsable(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (fresh) {
    await createIndexSchema(db);
    sqlite.pragma(`user_version = ${INDEX_SCHEMA_VERSION}`);
  }
  return {
    db,
    sqlite,
    fresh,
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * The index file if it is a database at the expected schema version; otherwise (another
 * version, or not a database any more: truncated, overwritten) an empty new one. It is only a
 * cache of the content folder, so it is rebuilt rather than migrated or repaired.
 */
function openUsable(file: string): { sqlite: SqliteDatabase.Database; fresh: boolean } {
  try {
    const sqlite = openSqlite(file);
    const current = Number(sqlite.pragma('user_version', { simple: true })) === INDEX_SCHEMA_VERSION;
    if (current || file === ':memory:') return { sqlite, fresh: !current };
    sqlite.close();
  } catch {
    // not a database: fall through and start again
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return { sqlite: openSqlite(file), fresh: true };
}

function openSqlite(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}
