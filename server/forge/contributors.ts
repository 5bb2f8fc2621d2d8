// Everyone who changed a fiche, from its git history: credited on the fiche page and in its
// attribution text, next to the authors the fiche names. The forge's own identity (the import
// commit) is not a contributor. Kept per revision, so a page render does not run git each time.
import { FORGE_COMMITTER_NAME } from '../git/git-runner.js';
import type { FicheType } from '../content/paths.js';
import { ficheRelPath } from './current-fiche.js';
import type { Forge } from './forge.js';

const CACHE_LIMIT = 5000;
const cache = new Map<string, string[]>();

export async function ficheContributors(forge: Forge, type: FicheType, slug: string, revision: string): Promise<string[]> {
  const key = `${forge.catalogue.contentDir}\u0000${slug}\u0000${revision}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const history = await forge.repository.fileHistory(ficheRelPath(type, slug), { limit: 1000 }).catch(() => []);
  const names: string[] = [];
  // Oldest first: the first to contribute is credited first.
  for (const entry of [...history].reverse()) {
    const name = entry.auteur.trim();
    if (name && name !== FORGE_COMMITTER_NAME && !names.includes(name)) names.push(name);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, names);
  return names;
}
