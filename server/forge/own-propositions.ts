// "Mes propositions": every proposition an account made, whatever its state and whatever the
// account's role (listPropositions gives editors the open propositions of everyone instead),
// except those on a private fiche the account may no longer read.
// The title is read from the proposed text: the fiche may not exist yet, or may have changed.
import { splitFrontMatter } from '../content/front-matter.js';
import type { PropositionStatut } from '../forge-db/database.js';
import type { Actor } from './authorization.js';
import { readCommitMessage } from './commit-message.js';
import type { Forge } from './forge.js';
import { aboutReadableFiches } from './private-read.js';
import { listPropositionRows } from './propositions-repository.js';

export interface OwnProposition {
  id: number;
  slug: string;
  titre: string;
  /** A new fiche rather than a change of an existing one. */
  creation: boolean;
  statut: PropositionStatut;
  /** The reviewer's reason, when rejected or sent back for changes. */
  motif: string | null;
  sujet: string;
  creeLe: string;
  decideLe: string | null;
}

export async function ownPropositions(forge: Forge, actor: Actor): Promise<OwnProposition[]> {
  const rows = await aboutReadableFiches(forge, actor, await listPropositionRows(forge.forgeDb.db, { auteurId: actor.id }));
  return rows.map((row) => {
    const titre = splitFrontMatter(row.contenu).data?.titre;
    return {
      id: row.id,
      slug: row.slug,
      titre: typeof titre === 'string' && titre.trim() !== '' ? titre : row.slug,
      creation: row.base_revision === null,
      statut: row.statut,
      motif: row.statut === 'rejetee' || row.statut === 'a_modifier' ? row.motif : null,
      sujet: readCommitMessage(row.message).sujet,
      creeLe: row.cree_le,
      decideLe: row.decide_le,
    };
  });
}
