// Opens the forge database (DATA_DIR/forge.sqlite): durable state that exists nowhere else
// (accounts, tokens, proposals), so it is migrated forward, never dropped or repaired. The
// server and the admin command open it at the same time: WAL lets readers and one writer work
// together, the busy timeout makes a writer wait for the other instead of failing.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { ForgeDatabase } from './database.js';
import { ForgeDbError } from './forge-db-error.js';
import { migrateForgeDb } from './migrations.js';

export { inImmediateTransaction } from './transaction.js';

export const FORGE_DB_FILE = 'forge.sqlite';

export interface ForgeDb {
  db: Kysely<ForgeDatabase>;
  sqlite: SqliteDatabase.Database;
  close(): Promise<void>;
}

export function forgeDbPath(dataDir: string): string {
  return path.join(dataDir, FORGE_DB_FILE);
}

export async function openForgeDb(file: string): Promise<ForgeDb> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = openSqlite(file);
  const db = new Kysely<ForgeDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  const forgeDb: ForgeDb = { db, sqlite, close: () => db.destroy() };
  try {
    await migrateForgeDb(forgeDb);
  } catch (error) {
    await forgeDb.close();
    throw error;
  }
  return forgeDb;
}

function openSqlite(file: string): SqliteDatabase.Database {
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    // FULL, not the NORMAL of the index: in WAL mode NORMAL keeps the file consistent but a
    // commit may be rolled back by a power loss or an OS crash (the WAL is only synced at
    // checkpoints). The index can be rebuilt; an account whose token was already printed, or
    // a proposal marked accepted after its commit, cannot. Writes here are rare human actions,
    // so one fsync of the WAL per commit costs nothing that matters.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    sqlite?.close();
    if (isSqliteError(error, 'SQLITE_NOTADB') || isSqliteError(error, 'SQLITE_CORRUPT')) {
      throw new ForgeDbError(`« ${file} » n’est pas une base SQLite lisible ; elle n’a pas été modifiée (restaurez une sauvegarde).`);
    }
    if (isSqliteError(error, 'SQLITE_CANTOPEN')) {
      throw new ForgeDbError(`Impossible d’ouvrir la base de la forge « ${file} » (droits du dossier ?).`);
    }
    throw error;
  }
}

function isSqliteError(error: unknown, code: string): boolean {
  return error instanceof SqliteDatabase.SqliteError && error.code === code;
}
