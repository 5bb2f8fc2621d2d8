// SQL of the `comptes` table. Lookups return the public columns; the password hash is only read
// by `findCredentials`, for authentication.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ComptesTable, ForgeDatabase, Role } from '../forge-db/database.js';

export type CompteRow = Omit<Selectable<ComptesTable>, 'mot_de_passe'>;

export interface Credentials {
  id: number;
  mot_de_passe: string;
}

const PUBLIC_COLUMNS = ['id', 'email', 'nom', 'role', 'cree_le', 'actif', 'confiance'] as const;

export async function insertCompte(db: Kysely<ForgeDatabase>, values: Insertable<ComptesTable>): Promise<number> {
  const row = await db.insertInto('comptes').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findCompteByEmail(db: Kysely<ForgeDatabase>, email: string): Promise<CompteRow | undefined> {
  return db.selectFrom('comptes').select(PUBLIC_COLUMNS).where('email', '=', email).executeTakeFirst();
}

export async function findCompteById(db: Kysely<ForgeDatabase>, id: number): Promise<CompteRow | undefined> {
  return db.selectFrom('comptes').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findCredentials(db: Kysely<ForgeDatabase>, email: string): Promise<Credentials | undefined> {
  return db.selectFrom('comptes').select(['id', 'mot_de_passe']).where('email', '=', email).executeTakeFirst();
}

export async function listComptes(db: Kysely<ForgeDatabase>): Promise<CompteRow[]> {
  return db.selectFrom('comptes').select(PUBLIC_COLUMNS).orderBy('id').execute();
}

/** Each update returns whether a row matched. */
export async function updateRole(db: Kysely<ForgeDatabase>, id: number, role: Role): Promise<boolean> {
  const result = await db.updateTable('comptes').set({ role }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateActif(db: Kysely<ForgeDatabase>, id: number, actif: boolean): Promise<boolean> {
  const result = await db.updateTable('comptes').set({ actif: actif ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateConfiance(db: Kysely<ForgeDatabase>, id: number, confiance: boolean): Promise<boolean> {
  const result = await db.updateTable('comptes').set({ confiance: confiance ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateMotDePasse(db: Kysely<ForgeDatabase>, id: number, encoded: string): Promise<boolean> {
  const result = await db.updateTable('comptes').set({ mot_de_passe: encoded }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
