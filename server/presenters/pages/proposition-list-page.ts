// Page model of /propositions: for editors the open propositions, for a contributor their own
// (whatever became of them, with the reason given), newest first as the domain lists them.
import type { Actor } from '../../forge/authorization.js';
import { mayReviewPropositions } from '../../forge/authorization.js';
import type { PropositionRow } from '../../forge/propositions-repository.js';
import { messages } from '../../i18n/messages.js';
import { formatTimestamp, kindLabel, proposedTitle, statusLabel } from './proposition-format.js';

export function presentPropositionList(rows: Array<PropositionRow & { auteur_nom: string }>, actor: Actor) {
  const t = messages.propositions;
  const editeur = mayReviewPropositions(actor);
  return {
    titre: t.titreListe,
    intro: editeur ? t.introEditeur : t.introContributeur,
    vide: editeur ? t.aucuneEditeur : t.aucuneContributeur,
    propositions: rows.map((row) => ({
      url: `/propositions/${row.id}`,
      numero: t.numero(row.id),
      titre: proposedTitle(row.contenu, row.slug),
      slug: row.slug,
      auteur: row.auteur_nom,
      date: formatTimestamp(row.cree_le),
      nature: kindLabel(row.base_revision),
      statut: row.statut,
      statutLabel: statusLabel(row.statut),
      motif: row.motif,
    })),
  };
}
