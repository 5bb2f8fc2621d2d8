// The history of a fiche from git: its revisions (newest first, with author, date, summary and
// size change) and the fiche as it was at one of them. A deleted fiche keeps its history. A
// private fiche's history is shown only to those who may read it.
import fs from 'node:fs';
import path from 'node:path';
import { splitFrontMatter } from '../content/front-matter.js';
import { FICHE_TYPES, type FicheType } from '../content/paths.js';
import { AppError } from '../errors.js';
import { renderDraftBody } from '../fiche/render-draft.js';
import type { FileRevision } from '../git/content-repository.js';
import type { Actor } from './authorization.js';
import { ficheRelPath, findCurrentFiche, revisionOfText } from './current-fiche.js';
import { findDeletion } from './deletions-repository.js';
import type { Forge } from './forge.js';
import { mayReadPrivateFiche } from './private-read.js';

export interface HistoryEntry extends FileRevision {
  /** The fiche's revision after this commit (as in ETag); null when the commit deleted it. */
  revision: string | null;
}

const HISTORY_LIMIT = 100;

export async function ficheHistory(forge: Forge, actor: Actor | null, slug: string): Promise<{ type: FicheType; entries: HistoryEntry[] }> {
  const located = await locateHistory(forge, slug);
  if (!located) throw new AppError('fiche_introuvable', undefined, { slug });
  // Every version's text in one git process (a revision is the digest of the text).
  const texts = await forge.repository.blobTexts(located.revisions.flatMap((r) => (r.blob ? [r.blob] : [])));
  const entries: HistoryEntry[] = located.revisions.map((r) => {
    const text = r.blob ? texts.get(r.blob) : undefined;
    return { ...r, revision: text === undefined ? null : revisionOfText(text) };
  });
  const latest = entries.find((e) => e.revision !== null);
  const latestText = latest?.blob ? (texts.get(latest.blob) ?? null) : null;
  if (latestText !== null && isPrivate(latestText) && !(await mayReadPrivateFiche(forge, actor, slug))) {
    throw new AppError('fiche_introuvable', undefined, { slug });
  }
  return { type: located.type, entries };
}

export async function ficheAtRevision(forge: Forge, actor: Actor | null, slug: string, revision: string) {
  const { type, entries } = await ficheHistory(forge, actor, slug);
  const entry = entries.find((e) => e.revision === revision || e.commit === revision);
  if (!entry || entry.revision === null) throw new AppError('revision_introuvable', undefined, { slug, revision });
  const text = (await forge.repository.fileAt(entry.chemin ?? ficheRelPath(type, slug), entry.commit))!;
  const split = splitFrontMatter(text);
  const catalogue = forge.catalogue;
  return {
    ...(split.data ?? {}),
    slug,
    type,
    revision: entry.revision,
    commit: entry.commit,
    auteur: entry.auteur,
    date: entry.date,
    message: entry.message,
    corps: split.body,
    html: renderDraftBody(catalogue, split.body),
    actuelle: entry === entries[0],
  };
}

/** Where the fiche's history is: its current file, or the last type folder that held it. */
async function locateHistory(forge: Forge, slug: string): Promise<{ type: FicheType; relPath: string; revisions: FileRevision[] } | null> {
  const current = findCurrentFiche(forge.catalogue.contentDir, slug);
  const types = current ? [current.type] : FICHE_TYPES;
  for (const type of types) {
    const relPath = ficheRelPath(type, slug);
    const revisions = await forge.repository.fileHistory(relPath, { limit: HISTORY_LIMIT });
    if (revisions.length > 0) return { type, relPath, revisions };
  }
  return null;
}

function isPrivate(text: string): boolean {
  return splitFrontMatter(text).data?.visibilite === 'prive';
}

/** True when the fiche was deleted through the forge, nothing took its slug since, and its last
 * version was not private (410). A deleted private fiche stays what it was for everyone: unknown
 * (404). Asked on every unknown slug: one indexed read; git only for a slug the forge deleted. */
export async function wasDeleted(forge: Forge, slug: string): Promise<boolean> {
  const deletion = await findDeletion(forge.forgeDb.db, slug);
  if (!deletion) return false;
  if (FICHE_TYPES.some((type) => fs.existsSync(path.join(forge.catalogue.contentDir, ficheRelPath(type, slug))))) return false;
  // Whether the deleted version was public never changes: asked of git once per deletion, not
  // on every request for the slug.
  const known = deletedPublic(forge);
  const key = `${deletion.commit_git}\0${slug}`;
  let isPublic = known.get(key);
  if (isPublic === undefined) {
    const last = (await forge.repository.fileHistory(deletion.chemin, { limit: 5 }).catch(() => [])).find((r) => r.blob);
    const text = last?.blob ? (await forge.repository.blobTexts([last.blob])).get(last.blob) : undefined;
    isPublic = text !== undefined && !isPrivate(text);
    if (text !== undefined) known.set(key, isPublic);
  }
  return isPublic;
}

const deletedPublicByForge = new WeakMap<Forge, Map<string, boolean>>();
function deletedPublic(forge: Forge): Map<string, boolean> {
  let known = deletedPublicByForge.get(forge);
  if (!known) deletedPublicByForge.set(forge, (known = new Map()));
  return known;
}
