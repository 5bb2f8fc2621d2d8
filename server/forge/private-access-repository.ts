// SQL of `acces_prives`: the accounts the creator of a private fiche let read it.
import type { Kysely } from 'kysely';
import type { ForgeDatabase } from '../forge-db/database.js';

/** The slugs of the private fiches this account was let into. */
export async function listGrantedSlugs(db: Kysely<ForgeDatabase>, compteId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('acces_prives').select('slug').where('compte_id', '=', compteId).execute();
  return new Set(rows.map((row) => row.slug));
}

export async function hasGrant(db: Kysely<ForgeDatabase>, slug: string, compteId: number): Promise<boolean> {
  const row = await db.selectFrom('acces_prives').select('compte_id').where('slug', '=', slug).where('compte_id', '=', compteId).executeTakeFirst();
  return row !== undefined;
}

export async function grantAccess(db: Kysely<ForgeDatabase>, row: { slug: string; compte_id: number; accorde_par: number }): Promise<void> {
  await db.insertInto('acces_prives').values(row).onConflict((oc) => oc.columns(['slug', 'compte_id']).doNothing()).execute();
}

export async function revokeAccess(db: Kysely<ForgeDatabase>, slug: string, compteId: number): Promise<void> {
  await db.deleteFrom('acces_prives').where('slug', '=', slug).where('compte_id', '=', compteId).execute();
}

/** The accounts let into a private fiche, by name. */
/** Every grant on a slug: a deleted fiche's readers must not read another fiche given its slug later. */
export async function revokeAllAccess(db: Kysely<ForgeDatabase>, slug: string): Promise<void> {
  await db.deleteFrom('acces_prives').where('slug', '=', slug).execute();
}

export async function listGrants(db: Kysely<ForgeDatabase>, slug: string) {
  return db
    .selectFrom('acces_prives')
    .innerJoin('comptes', 'comptes.id', 'acces_prives.compte_id')
    .select(['comptes.nom', 'comptes.email'])
    .where('acces_prives.slug', '=', slug)
    .orderBy('comptes.nom')
    .execute();
}
