// Creating, changing and deleting a fiche: checked like a fiche read from disk, decided by
// authorization.ts, and then either committed (file written atomically, commit authored by the
// contributor, index updated before the answer) or stored as a proposition for review.
// A change carries the revision it was made on; under the fiche's lock the revision on disk is
// compared with it (compare-and-swap), so of concurrent saves from one base exactly one lands.
import { AppError } from '../errors.js';
import type { FicheType } from '../content/paths.js';
import { decideWrite, isEditor, type Actor, type FicheFacts } from './authorization.js';
import { checkDraft } from './check-draft.js';
import { ficheRelPath, findCurrentFiche, revisionOfText, type CurrentFiche } from './current-fiche.js';
import { splitFrontMatter } from '../content/front-matter.js';
import { draftFromRequest, sameContent, slugFromTitle } from './fiche-file.js';
import type { Forge } from './forge.js';
import { commitMessage } from './commit-message.js';
import { recordDeletion } from './deletions-repository.js';
import { creatorOf, mayReadCurrent } from './private-read.js';
import { revokeAllAccess } from './private-access-repository.js';
import { createProposition } from './propositions.js';

const RESERVED_SLUGS = new Set(['nouvelle']);

export type SaveOutcome =
  | { kind: 'publie'; slug: string; revision: string; url: string }
  | { kind: 'proposition'; id: number; slug: string };

export async function createFiche(forge: Forge, actor: Actor, body: Record<string, unknown>): Promise<SaveOutcome> {
  const draft = draftFromRequest(body);
  const slug = typeof body.slug === 'string' && body.slug !== '' ? body.slug : slugFromTitle(String(draft.frontMatter.titre ?? ''));
  const checked = checkDraft(forge.catalogue, body.type, slug, draft);
  // /fiches/nouvelle is the creation form: a fiche at that address could never be shown.
  if (RESERVED_SLUGS.has(slug)) checked.champs.slug = 'cette adresse est réservée par le site : choisissez-en une autre';
  if (Object.keys(checked.champs).length > 0) throw new AppError('fiche_invalide', undefined, { champs: checked.champs });
  const type = checked.type!;
  return forge.locks.run(slug, async () => {
    if (findCurrentFiche(forge.catalogue.contentDir, slug)) throw new AppError('fiche_existante', undefined, { slug });
    const decision = decideWrite(actor, 'creer', null, forge.policy);
    if (decision === 'refuse') throw new AppError('acces_refuse');
    const message = commitMessage(body.message, `Création de la fiche « ${String(draft.frontMatter.titre)} »`, draft.frontMatter.licence);
    if (decision === 'proposition') {
      const id = await createProposition(forge, actor, { slug, type, baseRevision: null, message, contenu: checked.text });
      return { kind: 'proposition', id, slug };
    }
    return publish(forge, actor, type, slug, checked.text, message);
  });
}

export async function updateFiche(forge: Forge, actor: Actor, slug: string, body: Record<string, unknown>, ifMatch: string): Promise<SaveOutcome> {
  const existing = findCurrentFiche(forge.catalogue.contentDir, slug);
  if (!existing || !(await mayReadCurrent(forge, actor, slug, existing))) throw new AppError('fiche_introuvable', undefined, { slug });
  const type = body.type === undefined ? existing.type : body.type;
  const draft = draftFromRequest(body);
  const checked = checkDraft(forge.catalogue, type, slug, draft);
  if (checked.type && checked.type !== existing.type) checked.champs.type = `le type d’une fiche ne change pas (ici : ${existing.type})`;
  if (Object.keys(checked.champs).length > 0) throw new AppError('fiche_invalide', undefined, { champs: checked.champs });

  return forge.locks.run(slug, async () => {
    const current = findCurrentFiche(forge.catalogue.contentDir, slug);
    if (!current) throw new AppError('fiche_introuvable', undefined, { slug });
    if (current.revision !== ifMatch) throw new AppError('conflit', undefined, { revision: current.revision });
    const decision = decideWrite(actor, 'modifier', await factsOf(forge, actor, current), forge.policy);
    if (decision === 'refuse') throw new AppError('acces_refuse');
    const message = commitMessage(body.message, `Modification de la fiche « ${String(draft.frontMatter.titre)} »`, draft.frontMatter.licence);
    if (decision === 'proposition') {
      const id = await createProposition(forge, actor, { slug, type: current.type, baseRevision: current.revision, message, contenu: checked.text });
      return { kind: 'proposition', id, slug };
    }
    // Saving the same content again (even written differently) changes nothing: no commit.
    if (checked.text === current.text || sameContent({ frontMatter: current.frontMatter, body: splitFrontMatter(current.text).body }, draft)) {
      return { kind: 'publie', slug, revision: current.revision, url: `/fiches/${slug}` };
    }
    return publish(forge, actor, current.type, slug, checked.text, message);
  });
}

export async function deleteFiche(forge: Forge, actor: Actor, slug: string, rawMessage: unknown): Promise<void> {
  const existing = findCurrentFiche(forge.catalogue.contentDir, slug);
  if (!existing) throw new AppError('fiche_introuvable', undefined, { slug });
  if (decideWrite(actor, 'supprimer', null, forge.policy) === 'refuse') throw new AppError('acces_refuse');
  await forge.locks.run(slug, async () => {
    const current = findCurrentFiche(forge.catalogue.contentDir, slug);
    if (!current) throw new AppError('fiche_introuvable', undefined, { slug });
    const message = commitMessage(rawMessage, `Suppression de la fiche « ${String(current.frontMatter?.titre ?? slug)} »`, undefined);
    const commit = await forge.repository.removeFile({ relPath: current.relPath, author: authorOf(actor), message });
    await recordDeletion(forge.forgeDb.db, { slug, chemin: current.relPath, commit_git: commit, supprime_par: actor.id, supprime_le: new Date().toISOString() });
    await revokeAllAccess(forge.forgeDb.db, slug);
    await forge.syncPaths([current.relPath]);
  });
}

/** Writes and commits a fiche the caller may publish, then indexes it before answering. */
export async function publish(forge: Forge, author: Actor, type: FicheType, slug: string, text: string, message: string): Promise<SaveOutcome & { kind: 'publie' }> {
  const relPath = ficheRelPath(type, slug);
  await forge.repository.commitFile({ relPath, content: text, author: authorOf(author), message });
  await forge.syncPaths([relPath]);
  return { kind: 'publie', slug, revision: revisionOfText(text), url: `/fiches/${slug}` };
}

export function authorOf(actor: Pick<Actor, 'nom' | 'email'>): { nom: string; email: string } {
  return { nom: actor.nom, email: actor.email };
}


async function factsOf(forge: Forge, actor: Actor, fiche: CurrentFiche): Promise<FicheFacts> {
  const fm = fiche.frontMatter ?? {};
  const auteurs = Array.isArray(fm.auteurs) ? fm.auteurs.map(String) : [];
  // The history is only asked when it can change the decision.
  const createur = isEditor(actor) ? null : await creatorOf(forge, fiche.relPath);
  return { licence: String(fm.licence ?? ''), auteurs, createur };
}
