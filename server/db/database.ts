// Table types of the index database (DATA_DIR/index.sqlite). Everything in it can be rebuilt
// from the content folder: deleting the file only costs a full re-index.
import type { Generated } from 'kysely';

export interface Database {
  meta: MetaTable;
  sources: SourcesTable;
  fiches: FichesTable;
  liens: LiensTable;
  textes: TextesTable;
  paires: PairesTable;
}

export interface MetaTable {
  cle: string;
  valeur: string;
}

/** One row per content file the forge owns (fiches and vocabularies): the parse cache. */
export interface SourcesTable {
  path: string;
  genre: 'fiche' | 'vocabulaire';
  type: string | null;
  slug: string | null;
  mtime_ms: number;
  size: number;
  digest: string;
  /** JSON: what reading the file gave (front matter, line map, body text, wiki links, parse problems). */
  lecture: string;
  /** 1 when the file passed validation against the current schemas and ontology. */
  valide: number;
  /** JSON: problems of this file alone ([{ligne, message, gravite}]). */
  problemes: string;
  /** JSON: the fiche as served (front matter with concepts resolved), when valid. */
  donnees: string | null;
}

/** Served fiches. `id` is also the slot of the fiche in the in-memory facet bitsets. */
export interface FichesTable {
  id: number;
  slug: string;
  path: string;
  type: string;
  titre: string;
  resume: string;
  licence: string;
  visibilite: string;
  modifie: string | null;
  revision: string;
  /** Digest of the served record: tells a republication apart from a no-op (the record itself
   * stays in sources.donnees, so that this table stays narrow and fast to load). */
  empreinte: string;
  /** The ids (table `paires`) of the fiche's facet values, as little-endian Int32: what the
   * in-memory facet sets are loaded from at start. */
  valeurs: Uint8Array;
}

export interface LiensTable {
  id: Generated<number>;
  fiche_id: number;
  /** 'relation' (front-matter liens), 'wiki' ([[slug]] in the body), 'ressource' (ressources_utilisees). */
  genre: 'relation' | 'wiki' | 'ressource';
  relation: string;
  cible: string;
  /** Line of a wiki link; 0 for a front-matter link (its line is found from `pointeur`). */
  ligne: number;
  /** JSON pointer of a front-matter link; '' for a wiki link. */
  pointeur: string;
}

/** Plain text of a served fiche's body, for excerpts (kept apart so that `fiches` stays narrow). */
export interface TextesTable {
  id: number;
  texte: string;
}

/** Every (facet, value) pair a served fiche names, with the id the in-memory index gave it. */
export interface PairesTable {
  id: number;
  facette: string;
  valeur: string;
}
