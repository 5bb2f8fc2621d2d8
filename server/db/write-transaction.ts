// Write transactions: BEGIN IMMEDIATE takes the write lock up front, so a transaction that
// reads then writes never fails with SQLITE_BUSY_SNAPSHOT, and one batch is one commit
// (per-row autocommit is ~75× slower).
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

export async function inWriteTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const result = await work(connection);
      await sql`COMMIT`.execute(connection);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(connection);
      throw error;
    }
  });
}
