// Reverting a fiche to one of its revisions (editors): the old text becomes a new commit, so
// the history keeps everything in between. Also brings back a deleted fiche.
import { AppError } from '../errors.js';
import { decideWrite, type Actor } from './authorization.js';
import { findCurrentFiche } from './current-fiche.js';
import type { Forge } from './forge.js';
import { ficheHistory } from './history.js';
import { publish, type SaveOutcome } from './save-fiche.js';

export async function revertFiche(forge: Forge, actor: Actor, slug: string, revision: string): Promise<SaveOutcome & { kind: 'publie' }> {
  if (decideWrite(actor, 'retablir', null, forge.policy) === 'refuse') throw new AppError('acces_refuse');
  return forge.locks.run(slug, async () => {
    const { type, entries } = await ficheHistory(forge, actor, slug);
    const entry = entries.find((e) => e.revision === revision || e.commit === revision);
    if (!entry || entry.revision === null || entry.chemin === null) throw new AppError('revision_introuvable', undefined, { slug, revision });
    const text = await forge.repository.fileAt(entry.chemin, entry.commit);
    if (text === null) throw new AppError('revision_introuvable', undefined, { slug, revision });
    const current = findCurrentFiche(forge.catalogue.contentDir, slug);
    if (current?.text === text) return { kind: 'publie', slug, revision: current.revision, url: `/fiches/${slug}` };
    const day = entry.date.slice(0, 10);
    return publish(forge, actor, current?.type ?? type, slug, text, `Retour à la version du ${day} (${entry.revision.slice(0, 10)})`);
  });
}
