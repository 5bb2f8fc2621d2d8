// Who may do what: the one place where write permissions are decided, for the API and the
// forms alike. Routes ask `decideWrite`; nothing else compares roles.
//
// Review policy (REVUE in the configuration): a contributor's change is published at once only
// when the contributor is trusted for that fiche; otherwise it becomes a proposition.
//   nouveaux-et-autres (default): trusted = account marked trusted AND author of the fiche
//                                  (a creation makes its author the author);
//   nouveaux: trusted = account marked trusted;
//   toutes: every contributor change is reviewed;
//   aucune: contributors publish directly.
// Editors and admins always publish directly. A CC-BY-ND-4.0 fiche (no derivatives) may be
// changed only by its authors and by editors.

export type Role = 'contributeur' | 'editeur' | 'admin';
export const REVIEW_POLICIES = ['nouveaux-et-autres', 'nouveaux', 'toutes', 'aucune'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

export interface Actor {
  id: number;
  email: string;
  nom: string;
  role: Role;
  /** Marked trusted by an editor or an admin. */
  confiance: boolean;
}

export type WriteAction = 'creer' | 'modifier' | 'supprimer' | 'relire' | 'retablir';

export interface FicheFacts {
  licence: string;
  /** Names credited in the fiche's `auteurs`. */
  auteurs: string[];
  /** E-mail of the account whose commit created the file, when the forge made it. */
  createur: string | null;
}

export type Decision = 'direct' | 'proposition' | 'refuse';

export function isEditor(actor: Actor): boolean {
  return actor.role === 'editeur' || actor.role === 'admin';
}

/** Whether the actor counts as an author of the fiche (credited by name, or its creator). */
export function isAuthorOf(actor: Actor, fiche: FicheFacts): boolean {
  if (fiche.createur !== null && fiche.createur === actor.email) return true;
  const name = actor.nom.trim().toLocaleLowerCase('fr');
  return fiche.auteurs.some((a) => a.trim().toLocaleLowerCase('fr') === name);
}

/** `fiche` is the current fiche (null for a creation). */
export function decideWrite(actor: Actor, action: WriteAction, fiche: FicheFacts | null, policy: ReviewPolicy): Decision {
  if (isEditor(actor)) return 'direct';
  if (action === 'supprimer' || action === 'relire' || action === 'retablir') return 'refuse';
  const author = fiche === null || isAuthorOf(actor, fiche);
  if (fiche?.licence === 'CC-BY-ND-4.0' && !author) return 'refuse';
  switch (policy) {
    case 'aucune':
      return 'direct';
    case 'toutes':
      return 'proposition';
    case 'nouveaux':
      return actor.confiance ? 'direct' : 'proposition';
    case 'nouveaux-et-autres':
      return actor.confiance && author ? 'direct' : 'proposition';
  }
}

/** Who may accept a proposition, send it back for changes or reject it: editors and admins. */
export function mayReviewPropositions(actor: Actor): boolean {
  return isEditor(actor);
}

/** The author of a proposition sent back for changes is invited to take it up again. */
export function mayReviseProposition(actor: Actor, proposition: { auteur_id: number; statut: string }): boolean {
  return proposition.auteur_id === actor.id && proposition.statut === 'a_modifier';
}

/** Who may read a private fiche: editors, the account whose commit created it, and the
 * accounts its creator let in. */
export function mayReadPrivate(actor: Actor, fiche: { createur: string | null; accesAccorde: boolean }): boolean {
  return isEditor(actor) || (fiche.createur !== null && fiche.createur === actor.email) || fiche.accesAccorde;
}

/** Accounts (roles, trust, deactivation) are administered by admins only. */
export function mayAdminister(actor: Actor): boolean {
  return actor.role === 'admin';
}

export type AccountChange = { kind: 'role'; role: Role } | { kind: 'confiance'; confiance: boolean } | { kind: 'actif'; actif: boolean };
export type AccountChangeDecision = 'permis' | 'refuse' | 'retrogradation_de_soi' | 'desactivation_de_soi';

/** An admin may change any account but cannot demote or deactivate themselves: the site must
 * never be left without the admin who is using it. */
export function decideAccountChange(actor: Actor, targetId: number, change: AccountChange): AccountChangeDecision {
  if (!mayAdminister(actor)) return 'refuse';
  if (targetId !== actor.id) return 'permis';
  if (change.kind === 'role' && change.role !== 'admin') return 'retrogradation_de_soi';
  if (change.kind === 'actif' && !change.actif) return 'desactivation_de_soi';
  return 'permis';
}
