// Propositions: changes by contributors who are not trusted for a fiche, kept for review like
// pull requests. An editor accepts (the commit is authored by the contributor), asks for
// changes, or rejects with a reason. If the fiche moved on since the proposition was made, the
// change is re-based on the current text (three-way, line by line); when that fails the
// proposition is in conflict and stays open.
import { AppError } from '../errors.js';
import type { FicheType } from '../content/paths.js';
import { isEditor, type Actor } from './authorization.js';
import { checkText } from './check-draft.js';
import { findCurrentFiche, revisionOfText } from './current-fiche.js';
import type { Forge } from './forge.js';
import { findAccountById } from '../accounts/accounts.js';
import { aboutReadableFiches, mayReadSlug } from './private-read.js';
import * as repository from './propositions-repository.js';
import { rebaseFiche } from './rebase.js';
import { publish } from './save-fiche.js';

export interface NewProposition {
  slug: string;
  type: FicheType;
  baseRevision: string | null;
  message: string;
  contenu: string;
}

export async function createProposition(forge: Forge, actor: Actor, proposition: NewProposition): Promise<number> {
  return repository.insertProposition(forge.forgeDb.db, {
    slug: proposition.slug,
    type: proposition.type,
    base_revision: proposition.baseRevision,
    auteur_id: actor.id,
    message: proposition.message,
    contenu: proposition.contenu,
    motif: null,
    cree_le: new Date().toISOString(),
    decide_par: null,
    decide_le: null,
    revision_resultat: null,
  });
}

/** Editors see every open proposition; a contributor sees their own, whatever their state,
 * on fiches they may read (not on a private fiche they were let out of). */
export async function listPropositions(forge: Forge, actor: Actor) {
  return isEditor(actor)
    ? repository.listPropositionRows(forge.forgeDb.db, { statuts: ['en_attente', 'a_modifier'] })
    : aboutReadableFiches(forge, actor, await repository.listPropositionRows(forge.forgeDb.db, { auteurId: actor.id }));
}

export async function getProposition(forge: Forge, actor: Actor, id: number): Promise<repository.PropositionRow> {
  const row = await repository.findProposition(forge.forgeDb.db, id);
  if (!row || (!isEditor(actor) && (row.auteur_id !== actor.id || !(await mayReadSlug(forge, actor, row.slug))))) {
    throw new AppError('proposition_introuvable');
  }
  return row;
}

/** The text the proposition would publish now: as proposed, or re-based; null if in conflict. */
export async function rebasedText(forge: Forge, proposition: repository.PropositionRow): Promise<{ text: string | null; currentRevision: string | null }> {
  const current = findCurrentFiche(forge.catalogue.contentDir, proposition.slug);
  if (proposition.base_revision === null) return { text: current ? null : proposition.contenu, currentRevision: current?.revision ?? null };
  if (!current) return { text: null, currentRevision: null };
  if (current.revision === proposition.base_revision) return { text: proposition.contenu, currentRevision: current.revision };
  const base = await textAtRevision(forge, current.relPath, proposition.base_revision);
  if (base === null) return { text: null, currentRevision: current.revision };
  return { text: rebaseFiche(base, proposition.contenu, current.text), currentRevision: current.revision };
}

export async function acceptProposition(forge: Forge, editor: Actor, id: number) {
  if (!isEditor(editor)) throw new AppError('acces_refuse');
  const proposition = await getProposition(forge, editor, id);
  if (proposition.statut === 'acceptee' || proposition.statut === 'rejetee') throw new AppError('proposition_traitee');
  return forge.locks.run(proposition.slug, async () => {
    const { text, currentRevision } = await rebasedText(forge, proposition);
    if (text === null) throw new AppError('conflit', undefined, { revision: currentRevision });
    const type = proposition.type as FicheType;
    const champs = checkText(forge.catalogue, type, proposition.slug, text);
    if (Object.keys(champs).length > 0) throw new AppError('fiche_invalide', undefined, { champs });
    const author = await findAccountById(forge.forgeDb, proposition.auteur_id);
    const message = `${proposition.message}\nRelu-par: ${editor.nom}`;
    const published = await publish(forge, author ?? editor, type, proposition.slug, text, message);
    await decide(forge, editor, id, 'acceptee', null, published.revision);
    return published;
  });
}

export async function rejectProposition(forge: Forge, editor: Actor, id: number, motif: unknown, statut: 'rejetee' | 'a_modifier' = 'rejetee'): Promise<void> {
  if (!isEditor(editor)) throw new AppError('acces_refuse');
  await getProposition(forge, editor, id);
  const reason = typeof motif === 'string' ? motif.trim().slice(0, 2000) : '';
  if (!reason) throw new AppError('fiche_invalide', 'Le motif est obligatoire.', { champs: { motif: 'ce champ est obligatoire' } });
  await decide(forge, editor, id, statut, reason, null);
}

export async function commentProposition(forge: Forge, actor: Actor, id: number, texte: unknown): Promise<number> {
  await getProposition(forge, actor, id);
  const text = typeof texte === 'string' ? texte.trim().slice(0, 5000) : '';
  if (!text) throw new AppError('fiche_invalide', 'Le commentaire est vide.', { champs: { texte: 'ce champ est obligatoire' } });
  return repository.insertComment(forge.forgeDb.db, { proposition_id: id, auteur_id: actor.id, texte: text, cree_le: new Date().toISOString() });
}

async function decide(forge: Forge, editor: Actor, id: number, statut: 'acceptee' | 'rejetee' | 'a_modifier', motif: string | null, revision: string | null) {
  const done = await repository.decideProposition(forge.forgeDb.db, id, {
    statut,
    motif,
    decidePar: editor.id,
    decideLe: new Date().toISOString(),
    revisionResultat: revision,
  });
  if (!done) throw new AppError('proposition_traitee');
}

/** The fiche's text at one of its recent revisions (null if not found in its history). */
async function textAtRevision(forge: Forge, relPath: string, revision: string): Promise<string | null> {
  for (const entry of await forge.repository.fileHistory(relPath, { limit: 100 })) {
    const text = await forge.repository.fileAt(relPath, entry.commit);
    if (text !== null && revisionOfText(text) === revision) return text;
  }
  return null;
}


