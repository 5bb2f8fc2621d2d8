// Everything a reviewer (or the proposition's author) needs to judge a proposition: the row,
// its author's name, what it would publish now (re-based when the fiche moved on, as proposed
// when that fails: then it is in conflict), the difference with the current version, and the
// comments. The same reading as GET /api/propositions/:id, for the pages.
import { findAccountById } from '../accounts/accounts.js';
import type { DiffFiche } from '../git/diff-fiche.js';
import { diffFiche } from '../git/diff-fiche.js';
import type { Actor } from './authorization.js';
import { findCurrentFiche } from './current-fiche.js';
import type { Forge } from './forge.js';
import { getProposition, rebasedText } from './propositions.js';
import { listComments, type PropositionRow } from './propositions-repository.js';

export interface PropositionReview {
  proposition: PropositionRow;
  auteurNom: string;
  /** The fiche exists in the content folder now (false for a creation not yet accepted). */
  ficheExiste: boolean;
  /** Open, and its change cannot be re-based on the current version. */
  conflit: boolean;
  /** Open, made on an older version, and re-based on the current one without conflict. */
  rebasee: boolean;
  /** What accepting would publish now; the text as proposed when closed or in conflict. */
  texte: string;
  diff: DiffFiche;
  commentaires: Array<{ id: number; texte: string; cree_le: string; auteur_nom: string }>;
}

export function isOpen(proposition: Pick<PropositionRow, 'statut'>): boolean {
  return proposition.statut === 'en_attente' || proposition.statut === 'a_modifier';
}

/** Throws proposition_introuvable when the actor may not see it. */
export async function reviewProposition(forge: Forge, actor: Actor, id: number): Promise<PropositionReview> {
  const proposition = await getProposition(forge, actor, id);
  const current = findCurrentFiche(forge.catalogue.contentDir, proposition.slug);
  const rebased = isOpen(proposition) ? await rebasedText(forge, proposition) : null;
  const texte = rebased?.text ?? proposition.contenu;
  const conflit = rebased !== null && rebased.text === null;
  return {
    proposition,
    auteurNom: (await findAccountById(forge.forgeDb, proposition.auteur_id))?.nom ?? '',
    ficheExiste: current !== null,
    conflit,
    rebasee: rebased !== null && !conflit && proposition.base_revision !== null && rebased.currentRevision !== proposition.base_revision,
    texte,
    diff: diffFiche(current?.text ?? null, texte),
    commentaires: await listComments(forge.forgeDb.db, proposition.id),
  };
}
