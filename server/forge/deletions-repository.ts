// SQL of `suppressions`: the fiches deleted through the forge (their address answers 410).
import type { Kysely } from 'kysely';
import type { ForgeDatabase } from '../forge-db/database.js';

export async function recordDeletion(
  db: Kysely<ForgeDatabase>,
  row: { slug: string; chemin: string; commit_git: string; supprime_par: number; supprime_le: string },
): Promise<void> {
  await db
    .insertInto('suppressions')
    .values(row)
    .onConflict((oc) => oc.column('slug').doUpdateSet({ chemin: row.chemin, commit_git: row.commit_git, supprime_par: row.supprime_par, supprime_le: row.supprime_le }))
    .execute();
}

export async function findDeletion(db: Kysely<ForgeDatabase>, slug: string) {
  return db.selectFrom('suppressions').selectAll().where('slug', '=', slug).executeTakeFirst();
}
