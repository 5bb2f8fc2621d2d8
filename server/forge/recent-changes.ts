// The recent changes of public fiches, newest first, from the content repository's log: what
// the "Modifications récentes" page and the site's Atom feed show to everyone.
//
// Nothing of a non-public fiche may show: a change is listed only when its fiche is public now
// (served and `visibilite: public`) or, for a fiche that is gone, when its deleted version was
// public; and only when the version the change produced (or removed) was itself public, so the
// messages of a private period never show either. A commit that also touched a fiche not shown
// keeps its summary to itself (`masque`): the summary could speak of that fiche.
import { splitFrontMatter } from '../content/front-matter.js';
import { FICHE_TYPES, classifyContentPath, type FicheType } from '../content/paths.js';
import type { PathChange, RecentCommit } from '../git/content-repository.js';
import { readCommitMessage } from './commit-message.js';
import { findCurrentFiche, revisionOfText } from './current-fiche.js';
import type { Forge } from './forge.js';

export type ChangeKind = 'creation' | 'modification' | 'suppression';

export interface RecentChange {
  commit: string;
  slug: string;
  type: FicheType;
  /** The fiche's current title when it is served; the title of this version otherwise. */
  titre: string;
  auteur: string;
  /** Author date, ISO 8601 with offset. */
  date: string;
  kind: ChangeKind;
  /** First line of the commit message, and the rest (without the forge's trailer). */
  sujet: string;
  details: string;
  /** True when the summary is withheld (see above): sujet and details are then empty. */
  masque: boolean;
  /** True when the fiche is served now (its page exists). */
  servie: boolean;
  url: string;
  historiqueUrl: string;
  /** The fiche's revision after the change (as in ETag); null for a deletion. */
  revision: string | null;
}

export const DEFAULT_RECENT_CHANGES = 50;
/** How many commits are read from git at most for one answer. */
const COMMIT_WINDOW = 200;

interface Candidate {
  commit: RecentCommit;
  change: PathChange;
  slug: string;
  type: FicheType;
}

/** What may be said of a slug now: its title if it is listed at all, null if nothing may show. */
type Standing = { titre: string | null; servie: boolean } | null;

export function ficheHistoryUrl(slug: string): string {
  return `/api/fiches/${slug}/historique`;
}

const answers = new WeakMap<Forge, { key: string; changes: RecentChange[] }>();

/**
 * The last answer is kept while nothing changed: same catalogue generation (what is public) and
 * same HEAD (what git holds; a commit of files already synced changes only HEAD).
 */
export async function recentChanges(forge: Forge, { limit = DEFAULT_RECENT_CHANGES } = {}): Promise<RecentChange[]> {
  const key = `${forge.catalogue.generation}:${await forge.repository.headCommit()}:${limit}`;
  const kept = answers.get(forge);
  if (kept?.key === key) return kept.changes;
  const changes = await listRecentChanges(forge, { limit });
  answers.set(forge, { key, changes });
  return changes;
}

async function listRecentChanges(forge: Forge, { limit = DEFAULT_RECENT_CHANGES } = {}): Promise<RecentChange[]> {
  const commits = await forge.repository.recentChanges({ paths: [...FICHE_TYPES], limit: COMMIT_WINDOW });
  const groups = commits.map(candidatesOf);
  const standings = await standingsOf(forge, groups.flat());
  const out: RecentChange[] = [];
  // Commits are read in batches of about `limit` files: a bulk commit (an import of thousands of
  // fiches) costs the reading of `limit` files, not of all of them.
  for (let next = 0; next < groups.length && out.length < limit; ) {
    const batch: Candidate[][] = [];
    for (let planned = 0; next < groups.length && planned < limit; planned += batch.at(-1)!.length) batch.push(groups[next++]!);
    const looked = batch.flatMap((group) => group.slice(0, limit)).filter((c) => standings.get(c.slug));
    const texts = await forge.repository.blobTexts(looked.map((c) => versionBlob(c.change)).filter((blob) => blob !== null));
    for (const group of batch) {
      const shown = group.slice(0, limit).map((candidate) => shownChange(candidate, standings.get(candidate.slug) ?? null, texts));
      // Files beyond `limit` in one commit were not looked at: its summary is withheld, to be safe.
      const masque = shown.some((item) => item === null) || group.length > limit;
      for (const item of shown) if (item && out.length < limit) out.push(masque ? { ...item, sujet: '', details: '', masque } : item);
    }
  }
  return out;
}

/** The fiche files a commit changed (renamed files under their new name). */
function candidatesOf(commit: RecentCommit): Candidate[] {
  return commit.changes.flatMap((change) => {
    const entry = classifyContentPath(change.chemin);
    // A misnamed file in a type folder is not shown, and counts as something not shown.
    if (entry?.kind === 'fiche-mal-nommee') return [{ commit, change, slug: '', type: entry.type }];
    return entry?.kind === 'fiche' ? [{ commit, change, slug: entry.slug, type: entry.type }] : [];
  });
}

/** Public now: served and visible; gone: its last deletion removed a public version. */
async function standingsOf(forge: Forge, candidates: Candidate[]): Promise<Map<string, Standing>> {
  const { facets } = forge.catalogue;
  const standings = new Map<string, Standing>();
  const lastDeletions = new Map<string, string>();
  for (const { slug, change } of candidates) {
    if (slug === '' || standings.has(slug) || lastDeletions.has(slug)) continue;
    const id = facets.idOfSlug(slug);
    if (id !== undefined) standings.set(slug, facets.visible.has(id) ? { titre: facets.summary(id)!.titre, servie: true } : null);
    // On disk but not served (invalid, or not indexed yet): nothing is known to be public.
    else if (findCurrentFiche(forge.catalogue.contentDir, slug)) standings.set(slug, null);
    // Newest first: the first change seen of a fiche that is gone is its deletion, if git has one.
    else if (change.status === 'D' && change.blobAvant) lastDeletions.set(slug, change.blobAvant);
    else standings.set(slug, null);
  }
  const deleted = await forge.repository.blobTexts([...lastDeletions.values()]);
  for (const [slug, blob] of lastDeletions) {
    const text = deleted.get(blob);
    standings.set(slug, text !== undefined && publicTitle(text) !== null ? { titre: null, servie: false } : null);
  }
  return standings;
}

function shownChange({ commit, change, slug, type }: Candidate, standing: Standing, texts: Map<string, string>): RecentChange | null {
  const text = texts.get(versionBlob(change) ?? '');
  const titre = text === undefined ? null : publicTitle(text);
  if (standing === null || titre === null) return null;
  const { sujet, details } = readCommitMessage(commit.message);
  const kind: ChangeKind = change.status === 'D' ? 'suppression' : change.status === 'A' ? 'creation' : 'modification';
  return {
    commit: commit.commit,
    slug,
    type,
    titre: standing.titre ?? titre,
    auteur: commit.auteur,
    date: commit.date,
    kind,
    sujet,
    details,
    masque: false,
    servie: standing.servie,
    url: `/fiches/${slug}`,
    historiqueUrl: ficheHistoryUrl(slug),
    revision: kind === 'suppression' ? null : revisionOfText(text!),
  };
}

/** The version a change is about: the one it produced, or the one it removed. */
function versionBlob(change: PathChange): string | null {
  return change.status === 'D' ? change.blobAvant : change.blobApres;
}

/** The title of a version of a fiche if that version was public, null otherwise (private or unreadable). */
export function publicTitle(text: string): string | null {
  const data = splitFrontMatter(text).data;
  if (!data || (data.visibilite !== undefined && data.visibilite !== 'public')) return null;
  return typeof data.titre === 'string' && data.titre.trim() !== '' ? data.titre : null;
}
