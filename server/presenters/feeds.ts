// Feed models (atom-feed.ts) of the site's recent changes and of one fiche's history. URLs are
// absolute, from the site's base URL; an entry's id is the fiche's address and the commit, the
// same in both feeds.
import type { PublicHistory } from '../forge/public-history.js';
import type { ChangeKind, RecentChange } from '../forge/recent-changes.js';
import { ficheHistoryUrl } from '../forge/recent-changes.js';
import { messages } from '../i18n/messages.js';
import type { AtomEntry, AtomFeed } from './atom-feed.js';
import { RECENT_CHANGES_FEED_URL } from './pages/recent-changes-page.js';

export function ficheHistoryFeedUrl(slug: string): string {
  return `/fiches/${slug}/historique.atom`;
}

/** `now` dates a feed with no entry (Atom requires a date). */
export function recentChangesFeed(changes: RecentChange[], baseUrl: string, now: Date): AtomFeed {
  return {
    id: `${baseUrl}/modifications`,
    title: messages.flux.titreSite,
    subtitle: messages.flux.sousTitreSite,
    updated: changes[0]?.date ?? now.toISOString(),
    self: `${baseUrl}${RECENT_CHANGES_FEED_URL}`,
    alternate: `${baseUrl}/modifications`,
    author: messages.site.nom,
    entries: changes.map((change) =>
      entry(baseUrl, change.slug, change.servie, {
        ...change,
        titre: messages.flux.titreEntree(change.titre, subject(change)),
        details: change.masque ? '' : change.details,
      }),
    ),
  };
}

export function ficheHistoryFeed(history: PublicHistory, baseUrl: string, now: Date): AtomFeed {
  const { slug, servie } = history;
  return {
    id: `${baseUrl}${ficheHistoryUrl(slug)}`,
    title: messages.flux.titreFiche(history.titre),
    subtitle: messages.modifications.historique(history.titre),
    updated: history.revisions[0]?.date ?? now.toISOString(),
    self: `${baseUrl}${ficheHistoryFeedUrl(slug)}`,
    alternate: `${baseUrl}${servie ? `/fiches/${slug}` : ficheHistoryUrl(slug)}`,
    author: messages.site.nom,
    entries: history.revisions.map((revision) => entry(baseUrl, slug, servie, { ...revision, titre: subject({ ...revision, masque: false }) })),
  };
}

interface EntryFacts {
  commit: string;
  titre: string;
  date: string;
  auteur: string;
  kind: ChangeKind;
  details: string;
}

function entry(baseUrl: string, slug: string, servie: boolean, facts: EntryFacts): AtomEntry {
  return {
    id: `${baseUrl}/fiches/${slug}#commit-${facts.commit}`,
    title: facts.titre,
    updated: facts.date,
    author: facts.auteur,
    link: `${baseUrl}${servie ? `/fiches/${slug}` : ficheHistoryUrl(slug)}`,
    summary: messages.flux.resumeEntree(messages.modifications.natures[facts.kind] ?? facts.kind, facts.auteur, facts.details),
  };
}

function subject(change: { sujet: string; masque: boolean }): string {
  if (change.masque) return messages.modifications.messageMasque;
  return change.sujet || messages.modifications.sansMessage;
}
