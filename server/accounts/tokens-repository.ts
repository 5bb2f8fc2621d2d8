// SQL of the `jetons` table (personal access tokens, stored as their SHA-256 only).
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ForgeDatabase, JetonsTable } from '../forge-db/database.js';
import type { CompteRow } from './accounts-repository.js';

export type JetonRow = Omit<Selectable<JetonsTable>, 'empreinte'>;

export async function insertJeton(db: Kysely<ForgeDatabase>, values: Insertable<JetonsTable>): Promise<number> {
  const row = await db.insertInto('jetons').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The account behind a token that is neither revoked nor owned by a deactivated account. */
export async function findUsableJeton(
  db: Kysely<ForgeDatabase>,
  empreinte: string,
): Promise<{ jeton_id: number; dernier_usage: string | null; compte: CompteRow } | undefined> {
  const row = await db
    .selectFrom('jetons')
    .innerJoin('comptes', 'comptes.id', 'jetons.compte_id')
    .select([
      'jetons.id as jeton_id',
      'jetons.dernier_usage',
      'comptes.id',
      'comptes.email',
      'comptes.nom',
      'comptes.role',
      'comptes.cree_le',
      'comptes.actif',
      'comptes.confiance',
    ])
    .where('jetons.empreinte', '=', empreinte)
    .where('jetons.revoque_le', 'is', null)
    .where('comptes.actif', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const { jeton_id, dernier_usage, ...compte } = row;
  return { jeton_id, dernier_usage, compte };
}

/** Records a use unless one was recorded since `unchangedSince` (one statement: no transaction). */
export async function touchJeton(db: Kysely<ForgeDatabase>, id: number, now: string, unchangedSince: string): Promise<void> {
  await db
    .updateTable('jetons')
    .set({ dernier_usage: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('dernier_usage', 'is', null), eb('dernier_usage', '<', unchangedSince)]))
    .execute();
}

/** Revokes a token of this account that is not revoked yet; false when there is none. */
export async function revokeJeton(db: Kysely<ForgeDatabase>, compteId: number, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('jetons')
    .set({ revoque_le: now })
    .where('id', '=', id)
    .where('compte_id', '=', compteId)
    .where('revoque_le', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function listJetons(db: Kysely<ForgeDatabase>, compteId: number): Promise<JetonRow[]> {
  return db
    .selectFrom('jetons')
    .select(['id', 'compte_id', 'libelle', 'cree_le', 'dernier_usage', 'revoque_le'])
    .where('compte_id', '=', compteId)
    .orderBy('id')
    .execute();
}
