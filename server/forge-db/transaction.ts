// Write transactions on the forge database. Kysely's own `transaction()` sends a plain BEGIN
// (DEFERRED) on SQLite: a transaction that reads then writes then fails at once with
// SQLITE_BUSY_SNAPSHOT when another connection wrote in between, whatever the busy timeout.
// BEGIN IMMEDIATE takes the write lock first, so the busy timeout applies and what was read
// stays true until COMMIT.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { ForgeDatabase } from './database.js';

interface ForgeConnection {
  db: Kysely<ForgeDatabase>;
  sqlite: SqliteDatabase.Database;
}

/** The transaction the current async call chain runs in (`open` turns false at its end, for
 * the callbacks it left behind). */
const running = new AsyncLocalStorage<{ db: Kysely<ForgeDatabase>; open: boolean }>();

/**
 * Runs `work` in one IMMEDIATE transaction: committed when it resolves, rolled back when it
 * throws. Every query of `work` must go through `trx`: the dialect has one connection, held
 * until the end, so a query through `forgeDb.db` would wait for it forever (a nested call is
 * refused rather than left to hang). Other callers wait their turn.
 */
export async function inImmediateTransaction<T>(
  forgeDb: ForgeConnection,
  work: (trx: Kysely<ForgeDatabase>) => Promise<T>,
): Promise<T> {
  const current = running.getStore();
  if (current?.open && current.db === forgeDb.db) {
    throw new Error('Transaction imbriquée sur la base de la forge : passez par le `trx` reçu.');
  }
  return forgeDb.db.connection().execute((trx) => {
    const marker = { db: forgeDb.db, open: true };
    return running.run(marker, async () => {
      await sql`BEGIN IMMEDIATE`.execute(trx);
      try {
        const result = await work(trx);
        await sql`COMMIT`.execute(trx);
        return result;
      } catch (error) {
        // SQLite may already have rolled back by itself (disk full, I/O error).
        if (forgeDb.sqlite.inTransaction) await sql`ROLLBACK`.execute(trx);
        throw error;
      } finally {
        marker.open = false;
      }
    });
  });
}
