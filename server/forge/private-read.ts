// Who may read a private fiche (visibilite: prive): editors, its creator (the author of the
// commit that created its file) and the accounts the creator or an editor let in. Everyone
// else gets exactly what they get for a fiche that does not exist. Granting is done by the
// creator or an editor, naming an account by its e-mail.
import { findAccountByEmail } from '../accounts/accounts.js';
import { AppError } from '../errors.js';
import { MAX_HISTORY_LIMIT } from '../git/content-repository.js';
import { isEditor, mayReadPrivate, type Actor } from './authorization.js';
import { findCurrentFiche, type CurrentFiche } from './current-fiche.js';
import type { Forge } from './forge.js';
import { grantAccess, hasGrant, listGrantedSlugs, revokeAccess } from './private-access-repository.js';

/** The e-mail of the author of the commit that created the file (its oldest revision). */
export async function creatorOf(forge: Forge, relPath: string): Promise<string | null> {
  const history = await forge.repository.fileHistory(relPath, { limit: MAX_HISTORY_LIMIT }).catch(() => []);
  return history.at(-1)?.email ?? null;
}

async function creatorOfSlug(forge: Forge, slug: string): Promise<string | null> {
  const current = findCurrentFiche(forge.catalogue.contentDir, slug);
  return current ? creatorOf(forge, current.relPath) : null;
}

export async function mayReadPrivateFiche(forge: Forge, actor: Actor | null, slug: string): Promise<boolean> {
  if (!actor) return false;
  if (isEditor(actor)) return true;
  return mayReadPrivate(actor, { createur: await creatorOfSlug(forge, slug), accesAccorde: await hasGrant(forge.forgeDb.db, slug, actor.id) });
}

/**
 * Whether the actor may see the fiche now on disk at this slug (none: nothing to hide). A file
 * whose front matter cannot be read is for editors only: nobody can tell whether it is private.
 */
export async function mayReadCurrent(forge: Forge, actor: Actor, slug: string, current: CurrentFiche | null): Promise<boolean> {
  if (isEditor(actor) || !current) return true;
  if (current.frontMatter === null) return false;
  return current.frontMatter.visibilite !== 'prive' || (await mayReadPrivateFiche(forge, actor, slug));
}

/** False only when a fiche holds the slug now that the actor may not read (see mayReadCurrent). */
export async function mayReadSlug(forge: Forge, actor: Actor, slug: string): Promise<boolean> {
  return mayReadCurrent(forge, actor, slug, findCurrentFiche(forge.catalogue.contentDir, slug));
}

/**
 * The items (propositions…) whose fiche the actor may read: what is said about a private fiche
 * (its current text in a diff, a reviewer's reason, comments) is for its readers only, and an
 * account let out of it loses that too. One decision per slug.
 */
export async function aboutReadableFiches<T extends { slug: string }>(forge: Forge, actor: Actor, items: T[]): Promise<T[]> {
  if (isEditor(actor)) return items;
  const readable = new Map<string, boolean>();
  const out: T[] = [];
  for (const item of items) {
    if (!readable.has(item.slug)) readable.set(item.slug, await mayReadSlug(forge, actor, item.slug));
    if (readable.get(item.slug)) out.push(item);
  }
  return out;
}

/** Whether the actor may share the private fiche (its creator or an editor). */
export async function mayManagePrivateAccess(forge: Forge, actor: Actor | null, slug: string): Promise<boolean> {
  if (!actor) return false;
  return isEditor(actor) || (await creatorOfSlug(forge, slug)) === actor.email;
}

/** Lets the account with this e-mail read the private fiche (creator or editor only). */
export async function setPrivateAccess(forge: Forge, actor: Actor, slug: string, email: unknown, granted: boolean): Promise<void> {
  const current = findCurrentFiche(forge.catalogue.contentDir, slug);
  if (!current || current.frontMatter?.visibilite !== 'prive' || !(await mayReadPrivateFiche(forge, actor, slug))) {
    throw new AppError('fiche_introuvable', undefined, { slug });
  }
  if (!(await mayManagePrivateAccess(forge, actor, slug))) throw new AppError('acces_refuse');
  const account = typeof email === 'string' ? await findAccountByEmail(forge.forgeDb, email) : null;
  if (!account) throw new AppError('fiche_invalide', 'Aucun compte ne porte cette adresse e-mail.', { champs: { email: 'aucun compte ne porte cette adresse' } });
  if (granted) await grantAccess(forge.forgeDb.db, { slug, compte_id: account.id, accorde_par: actor.id });
  else await revokeAccess(forge.forgeDb.db, slug, account.id);
}

export interface PrivateFicheLink {
  slug: string;
  titre: string;
  type: string;
}

/**
 * The served private fiches an account is told about on its profile, by title: every one for an
 * editor, those shared with the account otherwise (its own appear among its contributions).
 * No git process: the creator check is left to the fiche page.
 */
export async function sharedPrivateFiches(forge: Forge, actor: Actor): Promise<PrivateFicheLink[]> {
  const { facets } = forge.catalogue;
  const granted = isEditor(actor) ? null : await listGrantedSlugs(forge.forgeDb.db, actor.id);
  const out: PrivateFicheLink[] = [];
  for (const id of facets.byTitle()) {
    const summary = facets.summary(id)!;
    if (summary.visibilite !== 'prive' || (granted && !granted.has(summary.slug))) continue;
    out.push({ slug: summary.slug, titre: summary.titre, type: summary.type });
  }
  return out;
}
