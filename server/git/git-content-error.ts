// Refusals and failures of the content repository, with a machine code and a French message
// that is safe to show (no server path, no git output: that stays in `cause`, for the logs).

export type GitContentErrorCode =
  /** A relative path that is empty, absolute, leaves the folder or enters `.git`. */
  | 'chemin_invalide'
  /** A revision id that is not 7 to 64 hexadecimal characters. */
  | 'revision_invalide'
  /** An author without a name. */
  | 'auteur_invalide'
  /** Removing a file the history does not hold. */
  | 'fichier_non_suivi'
  /** git itself failed (disk full, corrupted repository, lock held by a human…). */
  | 'historique_indisponible';

const MESSAGES: Record<GitContentErrorCode, string> = {
  chemin_invalide: 'Ce chemin de fichier est refusé.',
  revision_invalide: 'Cet identifiant de révision est invalide.',
  auteur_invalide: 'L’auteur d’une modification doit avoir un nom.',
  fichier_non_suivi: 'Ce fichier n’est pas dans l’historique.',
  historique_indisponible: 'L’historique des fiches est indisponible pour le moment.',
};

export class GitContentError extends Error {
  constructor(
    readonly code: GitContentErrorCode,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[code], options);
    this.name = 'GitContentError';
  }
}
