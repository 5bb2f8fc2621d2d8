// One fiche's history as everyone may see it (its Atom feed): the fiche must be public now
// (served, `visibilite: public`) or, once deleted, its last version must have been public.
// Anything else — unknown, private, on disk but not served — is "not found", with no hint.
import { ficheRelPath, findCurrentFiche } from './current-fiche.js';
import type { FicheType } from '../content/paths.js';
import { AppError } from '../errors.js';
import { readCommitMessage } from './commit-message.js';
import type { Forge } from './forge.js';
import { ficheHistory } from './history.js';
import { publicTitle, type ChangeKind } from './recent-changes.js';

export interface PublicRevision {
  commit: string;
  auteur: string;
  date: string;
  kind: ChangeKind;
  sujet: string;
  details: string;
  /** Null for the deletion. */
  revision: string | null;
}

export interface PublicHistory {
  slug: string;
  type: FicheType;
  /** Current title, or the title of the last version of a deleted fiche. */
  titre: string;
  servie: boolean;
  revisions: PublicRevision[];
}

export async function publicFicheHistory(forge: Forge, slug: string): Promise<PublicHistory> {
  const { facets } = forge.catalogue;
  const id = facets.idOfSlug(slug);
  const served = id !== undefined && facets.visible.has(id) ? facets.summary(id)! : null;
  if (!served && (id !== undefined || findCurrentFiche(forge.catalogue.contentDir, slug))) throw new AppError('fiche_introuvable');
  // As an anonymous reader: a fiche whose last committed version is private is refused there too.
  // A served fiche with no such history (never committed, or made public on disk only) has no
  // revision to show yet.
  const { type, entries } = await ficheHistory(forge, null, slug).catch((error: unknown) => {
    if (served && error instanceof AppError && error.code === 'fiche_introuvable') return { type: served.type as FicheType, entries: [] };
    throw error;
  });
  let titre = served?.titre ?? null;
  if (titre === null) {
    const last = entries.find((entry) => entry.revision !== null);
    const text = last ? await forge.repository.fileAt(last.chemin ?? ficheRelPath(type, slug), last.commit) : null;
    titre = text === null ? null : publicTitle(text);
  }
  if (titre === null) throw new AppError('fiche_introuvable');
  return {
    slug,
    type,
    titre,
    servie: served !== null,
    revisions: entries.map((entry) => ({
      commit: entry.commit,
      auteur: entry.auteur,
      date: entry.date,
      // The oldest revision of an incarnation is the whole of its size (nothing before it).
      kind: entry.revision === null ? 'suppression' : entry.delta === entry.taille ? 'creation' : 'modification',
      ...readCommitMessage(entry.message),
      revision: entry.revision,
    })),
  };
}
