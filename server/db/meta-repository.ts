// SQL of the `meta` table: small facts about the index itself.
import type { Kysely } from 'kysely';
import type { Database } from './database.js';

export async function getMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('valeur').where('cle', '=', key).executeTakeFirst();
  return row?.valeur;
}

export async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ cle: key, valeur: value })
    .onConflict((oc) => oc.column('cle').doUpdateSet({ valeur: value }))
    .execute();
}
