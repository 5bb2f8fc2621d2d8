// SQL of `acces_prives`: the accounts the creator of a private fiche let read it.
import type { Kysely } from 'kysely';
import type { ForgeDatabase } from '../forge-db/database.js';

/** The slugs of the private fiches this account was let into. */
export async function listGrantedSlugs(db: Kysely<ForgeDatabase>, compteId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('acces_prives').select('slug').where('compte_id', '=', compteId).execute();
  return new Set(rows.map((row) => row.slug));
}
