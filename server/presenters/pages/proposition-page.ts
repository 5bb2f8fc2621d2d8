// Page model of /propositions/:id: what was proposed, by whom and when, what became of it, the
// difference with the current version (re-based, or a conflict), a preview, the full text, the
// comments, and the forms the reader may use. `form` carries what was typed into a form that
// was refused, and the messages explaining why, so that the page comes back without losing it.
import { splitFrontMatter } from '../../content/front-matter.js';
import { mayReviewPropositions, mayReviseProposition, type Actor } from '../../forge/authorization.js';
import { readCommitMessage } from '../../forge/commit-message.js';
import { isOpen, type PropositionReview } from '../../forge/proposition-review.js';
import { messages } from '../../i18n/messages.js';
import { TYPE_LABELS } from '../../search/facet-counts.js';
import { bodyDiffLines } from './body-diff-lines.js';
import { formatTimestamp, kindLabel, proposedTitle, statusLabel } from './proposition-format.js';

export interface ReviewFormState {
  /** About the whole page: an expired form, a conflict on accepting, an already decided one. */
  alerte?: string | null;
  /** Field by field, why the proposed text cannot be published any more. */
  alerteDetails?: string[];
  commentaire?: string;
  erreurCommentaire?: string | null;
  motifModifications?: string;
  erreurModifications?: string | null;
  motifRejet?: string;
  erreurRejet?: string | null;
}

export function presentPropositionPage(review: PropositionReview, actor: Actor, renderMarkdown: (body: string) => string, form: ReviewFormState = {}) {
  const t = messages.propositions;
  const p = review.proposition;
  const titreFiche = proposedTitle(p.contenu, p.slug);
  const revise = mayReviseProposition(actor, p);
  // The stored message is the future commit's: its licence trailer is no news to a reader.
  const summary = readCommitMessage(p.message);
  return {
    titrePage: t.titrePage(p.id, titreFiche),
    action: `/propositions/${p.id}`,
    slug: p.slug,
    ficheUrl: review.ficheExiste ? `/fiches/${p.slug}` : null,
    type: TYPE_LABELS[p.type] ?? p.type,
    auteur: review.auteurNom,
    date: formatTimestamp(p.cree_le),
    nature: kindLabel(p.base_revision),
    statut: p.statut,
    statutLabel: statusLabel(p.statut),
    motif: p.motif,
    message: [summary.sujet, summary.details].filter(Boolean).join('\n\n') || t.sansMessage,
    // A creation sent back has no fiche to edit yet: the author starts a new one of that type.
    reprendreUrl: revise ? (review.ficheExiste ? `/fiches/${p.slug}/modifier` : `/fiches/nouvelle?type=${encodeURIComponent(p.type)}`) : null,
    conflit: review.conflit ? (p.base_revision === null ? messages.propositions.conflitCreation : messages.propositions.conflitTexte) : null,
    ouverte: isOpen(p),
    rebasee: review.rebasee,
    champs: review.diff.champs.map((c) => ({ cle: c.cle, avant: c.avant, apres: c.apres })),
    corps: bodyDiffLines(review.diff.corps),
    apercu: renderMarkdown(splitFrontMatter(review.texte).body),
    contenu: p.contenu,
    commentaires: review.commentaires.map((c) => ({
      ancre: `commentaire-${c.id}`,
      auteur: c.auteur_nom,
      date: formatTimestamp(c.cree_le),
      paragraphes: c.texte.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean),
    })),
    peutDecider: isOpen(p) && mayReviewPropositions(actor),
    alerte: form.alerte ?? null,
    alerteDetails: form.alerteDetails ?? [],
    commentaire: form.commentaire ?? '',
    erreurCommentaire: form.erreurCommentaire ?? null,
    motifModifications: form.motifModifications ?? '',
    erreurModifications: form.erreurModifications ?? null,
    motifRejet: form.motifRejet ?? '',
    erreurRejet: form.erreurRejet ?? null,
  };
}
