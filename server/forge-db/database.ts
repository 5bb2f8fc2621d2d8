// Table types of the forge database (DATA_DIR/forge.sqlite): accounts, tokens, proposals,
// comments, private access. Unlike the index, none of it can be rebuilt from the content
// folder, so its schema only moves forward through migrations (migrations.ts).
import type { ColumnType, Generated } from 'kysely';

export interface ForgeDatabase {
  comptes: ComptesTable;
  jetons: JetonsTable;
  propositions: PropositionsTable;
  commentaires: CommentairesTable;
  acces_prives: AccesPrivesTable;
  suppressions: SuppressionsTable;
}

export type Role = 'contributeur' | 'editeur' | 'admin';

export type PropositionStatut = 'en_attente' | 'a_modifier' | 'acceptee' | 'rejetee';

/** An ISO 8601 timestamp (`Date#toISOString()`): sorts lexicographically as it sorts in time. */
export type Timestamp = string;

/** SQLite has no boolean: 0 or 1, with a default the insert may omit. */
type Flag = ColumnType<number, number | undefined, number>;

export interface ComptesTable {
  id: Generated<number>;
  /** Trimmed, NFC, lower-cased: the unique key people log in with. */
  email: string;
  /** Display name, also the author name of git commits. */
  nom: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (accounts/password.ts); never leaves the accounts module. */
  mot_de_passe: string;
  cree_le: Timestamp;
  actif: Flag;
  /** Set by an editor: a trusted contributor's edits are published without review. */
  confiance: Flag;
}

/** Personal access tokens: only their SHA-256 is stored. */
export interface JetonsTable {
  id: Generated<number>;
  compte_id: number;
  libelle: string;
  /** Hex SHA-256 of the token. */
  empreinte: string;
  cree_le: Timestamp;
  dernier_usage: Timestamp | null;
  revoque_le: Timestamp | null;
}

/** A change waiting for review: the whole proposed file, and what became of it. */
export interface PropositionsTable {
  id: Generated<number>;
  slug: string;
  type: string;
  /** The revision the change was made on; null for a new fiche. */
  base_revision: string | null;
  auteur_id: number;
  message: string;
  /** The whole proposed file: front matter and body. */
  contenu: string;
  statut: ColumnType<PropositionStatut, PropositionStatut | undefined, PropositionStatut>;
  /** Why it was rejected or sent back. */
  motif: string | null;
  cree_le: Timestamp;
  decide_par: number | null;
  decide_le: Timestamp | null;
  /** The revision published when it was accepted. */
  revision_resultat: string | null;
}

export interface CommentairesTable {
  id: Generated<number>;
  proposition_id: number;
  auteur_id: number;
  texte: string;
  cree_le: Timestamp;
}

/** Accounts the creator of a private fiche let read it. */
export interface AccesPrivesTable {
  slug: string;
  compte_id: number;
  accorde_par: number;
}

/** Fiches deleted through the forge: their address answers 410 and points to the history. */
export interface SuppressionsTable {
  slug: string;
  chemin: string;
  commit_git: string;
  supprime_par: number;
  supprime_le: Timestamp;
}
