// SQL of propositions (changes awaiting review) and their comments, in the forge database.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ForgeDatabase, PropositionStatut, PropositionsTable } from '../forge-db/database.js';

export type PropositionRow = Selectable<PropositionsTable>;

export async function insertProposition(db: Kysely<ForgeDatabase>, values: Insertable<PropositionsTable>): Promise<number> {
  const row = await db.insertInto('propositions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findProposition(db: Kysely<ForgeDatabase>, id: number): Promise<PropositionRow | undefined> {
  return db.selectFrom('propositions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; `auteurId` limits to one contributor's, `statuts` to some states. */
export async function listPropositionRows(
  db: Kysely<ForgeDatabase>,
  filter: { auteurId?: number; statuts?: PropositionStatut[]; slug?: string },
): Promise<Array<PropositionRow & { auteur_nom: string }>> {
  let query = db
    .selectFrom('propositions')
    .innerJoin('comptes', 'comptes.id', 'propositions.auteur_id')
    .selectAll('propositions')
    .select('comptes.nom as auteur_nom')
    .orderBy('propositions.id', 'desc');
  if (filter.auteurId !== undefined) query = query.where('propositions.auteur_id', '=', filter.auteurId);
  if (filter.statuts) query = query.where('propositions.statut', 'in', filter.statuts);
  if (filter.slug !== undefined) query = query.where('propositions.slug', '=', filter.slug);
  return query.execute();
}

/** Moves a proposition out of review, only if it is still open (false otherwise). */
export async function decideProposition(
  db: Kysely<ForgeDatabase>,
  id: number,
  decision: { statut: PropositionStatut; motif: string | null; decidePar: number; decideLe: string; revisionResultat: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('propositions')
    .set({ statut: decision.statut, motif: decision.motif, decide_par: decision.decidePar, decide_le: decision.decideLe, revision_resultat: decision.revisionResultat })
    .where('id', '=', id)
    .where('statut', 'in', ['en_attente', 'a_modifier'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertComment(db: Kysely<ForgeDatabase>, values: { proposition_id: number; auteur_id: number; texte: string; cree_le: string }): Promise<number> {
  const row = await db.insertInto('commentaires').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listComments(db: Kysely<ForgeDatabase>, propositionId: number) {
  return db
    .selectFrom('commentaires')
    .innerJoin('comptes', 'comptes.id', 'commentaires.auteur_id')
    .select(['commentaires.id', 'commentaires.texte', 'commentaires.cree_le', 'comptes.nom as auteur_nom'])
    .where('proposition_id', '=', propositionId)
    .orderBy('commentaires.id')
    .execute();
}
