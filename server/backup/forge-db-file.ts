// The forge database as a file: a consistent copy taken while the server may be writing, its
// integrity and schema version, and whether another process has it open.
//
// The copy is `VACUUM INTO`, not better-sqlite3's `db.backup()`: VACUUM INTO reads the whole
// database inside one read transaction, so the copy is the state of one instant, and in WAL
// mode that transaction does not block the server's writes. The online backup API copies page
// by page and starts again from the first page whenever another connection writes (the server
// is another process), so under steady writes it may never finish. VACUUM INTO also leaves a
// compact, self-contained file (no -wal to carry along).
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { BackupError } from './backup-error.js';
import { syncPath } from './durable-files.js';

function open(file: string, options: SqliteDatabase.Options = {}): SqliteDatabase.Database {
  try {
    return new SqliteDatabase(file, { fileMustExist: true, ...options });
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CANTOPEN') throw new BackupError('base_absente', { detail: file, cause: error });
    throw error;
  }
}

/** Writes a consistent copy of the database at `source` to the new file `target`. */
export async function snapshotDatabase(source: string, target: string): Promise<void> {
  const sqlite = open(source);
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await sql`VACUUM INTO ${target}`.execute(db);
  } finally {
    await db.destroy();
  }
  // VACUUM INTO does not sync the file it writes.
  await syncPath(target);
}

/** `PRAGMA integrity_check` says "ok" (read only: the file is not changed). */
export function isIntact(file: string): boolean {
  const sqlite = open(file, { readonly: true });
  try {
    const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    return rows.length === 1 && rows[0]?.integrity_check === 'ok';
  } catch {
    return false;
  } finally {
    sqlite.close();
  }
}

/** The schema version (`user_version`: the number of forge migrations applied). */
export function schemaVersionOf(file: string): number {
  const sqlite = open(file, { readonly: true });
  try {
    return Number(sqlite.pragma('user_version', { simple: true }));
  } finally {
    sqlite.close();
  }
}

/**
 * Refuses when another process has the database open. In WAL mode every open connection holds
 * a shared lock on the file for its whole life, so taking an exclusive lock without waiting
 * fails exactly when the server (or `npm run admin`) has it open.
 */
export function assertNotInUse(file: string): void {
  const sqlite = open(file);
  try {
    sqlite.pragma('busy_timeout = 0');
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE');
    sqlite.exec('ROLLBACK');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw new BackupError('base_en_service', { cause: error });
    // A file that is not a readable database cannot be in a server's use: it is what --force replaces.
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return;
    throw error;
  } finally {
    sqlite.close();
  }
}
