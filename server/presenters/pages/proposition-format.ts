// Display pieces shared by the propositions list and the proposition page: the fiche title a
// proposition carries, its status and kind as words, and its timestamps in Paris time.
import { splitFrontMatter } from '../../content/front-matter.js';
import { messages } from '../../i18n/messages.js';

const TIME_ZONE = 'Europe/Paris';
const timestampText = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });

/** The `titre` of the proposed front matter; the slug when there is none (or it does not parse). */
export function proposedTitle(contenu: string, slug: string): string {
  const titre = splitFrontMatter(contenu).data?.titre;
  return typeof titre === 'string' && titre.trim() !== '' ? titre : slug;
}

/** An ISO timestamp for <time datetime>, with its French reading. */
export function formatTimestamp(iso: string): { iso: string; texte: string } {
  const date = new Date(iso);
  return { iso, texte: Number.isNaN(date.getTime()) ? iso : timestampText.format(date) };
}

export function statusLabel(statut: string): string {
  return messages.propositions.statuts[statut] ?? statut;
}

/** A proposition without a base revision creates its fiche. */
export function kindLabel(baseRevision: string | null): string {
  return baseRevision === null ? messages.propositions.natures.creation : messages.propositions.natures.modification;
}
