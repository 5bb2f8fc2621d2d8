// "Mes contributions": the changes of fiches an account made, newest first, read from the
// content repository (commits whose author e-mail is the account's). A change is listed only when
// the account may read its fiche now:
//   - public and served: with a link to its page;
//   - private: when authorization.mayReadPrivate says so (an editor, its creator, or an account
//     let in), with a link to its page (shown to those same readers) when it is served;
//   - on disk but not served: when its front matter says it is public (it is invalid or not
//     indexed yet), without a link; a file that does not parse is shown to editors only, since
//     nobody can tell whether it is private;
//   - gone: when the version the change was about was public (the account wrote or removed it).
import type { ChangeKind } from './recent-changes.js';
import { publicTitle } from './recent-changes.js';
import { splitFrontMatter } from '../content/front-matter.js';
import { FICHE_TYPES, classifyContentPath, type FicheType } from '../content/paths.js';
import type { PathChange } from '../git/content-repository.js';
import { isEditor, mayReadPrivate, type Actor } from './authorization.js';
import { readCommitMessage } from './commit-message.js';
import { findCurrentFiche } from './current-fiche.js';
import type { Forge } from './forge.js';
import { listGrantedSlugs } from './private-access-repository.js';
import { creatorOf } from './private-read.js';

export interface Contribution {
  commit: string;
  slug: string;
  type: FicheType;
  titre: string;
  /** The fiche's page when it is served publicly; null otherwise. */
  url: string | null;
  prive: boolean;
  /** Author date, ISO 8601 with offset. */
  date: string;
  kind: ChangeKind;
  /** First line of the commit message (the edit summary). */
  sujet: string;
}

export const DEFAULT_CONTRIBUTIONS = 50;

/** What may be shown of a fiche that exists now; null: nothing; 'disparue': decided per version. */
type Shown = { titre: string; url: string | null; prive: boolean };
type Standing = Shown | null | 'disparue';

export async function accountContributions(forge: Forge, actor: Actor, { limit = DEFAULT_CONTRIBUTIONS } = {}): Promise<Contribution[]> {
  const commits = await forge.repository.commitsByAuthor({ email: actor.email, paths: [...FICHE_TYPES], limit });
  const candidates = commits.flatMap((commit) =>
    commit.changes.flatMap((change) => {
      const entry = classifyContentPath(change.chemin);
      return entry?.kind === 'fiche' ? [{ commit, change, slug: entry.slug, type: entry.type }] : [];
    }),
  );
  const granted = await listGrantedSlugs(forge.forgeDb.db, actor.id);
  const standings = new Map<string, Standing>();
  for (const { slug } of candidates) if (!standings.has(slug)) standings.set(slug, await standingOf(forge, actor, slug, granted));
  const gone = candidates.filter((c) => standings.get(c.slug) === 'disparue').map((c) => versionBlob(c.change));
  const versions = await forge.repository.blobTexts(gone.filter((blob) => blob !== null));

  const out: Contribution[] = [];
  for (const { commit, change, slug, type } of candidates) {
    const known = standings.get(slug) ?? null;
    const standing = known === 'disparue' ? goneStanding(actor, slug, versions.get(versionBlob(change) ?? '')) : known;
    if (standing === null) continue;
    const kind: ChangeKind = change.status === 'D' ? 'suppression' : change.status === 'A' ? 'creation' : 'modification';
    out.push({ commit: commit.commit, slug, type, ...standing, date: commit.date, kind, sujet: readCommitMessage(commit.message).sujet });
    if (out.length >= limit) break;
  }
  return out;
}

async function standingOf(forge: Forge, actor: Actor, slug: string, granted: Set<string>): Promise<Standing> {
  const { facets } = forge.catalogue;
  const id = facets.idOfSlug(slug);
  if (id !== undefined && facets.visible.has(id)) return { titre: facets.summary(id)!.titre, url: `/fiches/${slug}`, prive: false };
  const current = findCurrentFiche(forge.catalogue.contentDir, slug);
  if (!current) return 'disparue';
  const frontMatter = current.frontMatter;
  if (frontMatter === null) return isEditor(actor) ? { titre: slug, url: null, prive: false } : null;
  const titre = typeof frontMatter.titre === 'string' && frontMatter.titre.trim() !== '' ? frontMatter.titre : slug;
  if (frontMatter.visibilite !== 'prive') return { titre, url: null, prive: false };
  const readable = isEditor(actor) || mayReadPrivate(actor, { createur: await creatorOf(forge, current.relPath), accesAccorde: granted.has(slug) });
  // A served private fiche has its page, for those who may read it.
  return readable ? { titre, url: id !== undefined ? `/fiches/${slug}` : null, prive: true } : null;
}

function goneStanding(actor: Actor, slug: string, text: string | undefined): Shown | null {
  if (text === undefined) return null;
  const titre = publicTitle(text);
  if (titre !== null) return { titre, url: null, prive: false };
  if (!isEditor(actor)) return null;
  const data = splitFrontMatter(text).data;
  return { titre: typeof data?.titre === 'string' && data.titre.trim() !== '' ? data.titre : slug, url: null, prive: true };
}

/** The version a change is about: the one it produced, or the one it removed. */
function versionBlob(change: PathChange): string | null {
  return change.status === 'D' ? change.blobAvant : change.blobApres;
}
