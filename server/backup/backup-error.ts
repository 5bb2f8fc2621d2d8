// Why a backup or a restore stopped. Both run from the command line on the server's machine, so
// the French message may name the folders involved; the cause (git or SQLite output) is kept for
// whoever debugs, never printed as the message.

export type BackupErrorCode =
  | 'base_absente'
  | 'depot_absent'
  | 'depot_englobant'
  | 'depot_vide'
  | 'sortie_non_vide'
  | 'copie_invalide'
  | 'bundle_invalide'
  | 'sauvegarde_introuvable'
  | 'sauvegarde_corrompue'
  | 'version_plus_recente'
  | 'contenu_non_vide'
  | 'cible_non_depot'
  | 'base_existante'
  | 'base_en_service'
  | 'git_en_echec';

const MESSAGES: Record<BackupErrorCode, string> = {
  base_absente: 'Aucune base de la forge (forge.sqlite) dans DATA_DIR : rien à sauvegarder.',
  depot_absent: 'Le dossier de contenu n’est pas un dépôt git (le serveur en crée un à son premier démarrage).',
  depot_englobant:
    'Le dossier de contenu est un sous-dossier d’un autre dépôt git : sauvegardez ce dépôt avec git, la forge ne sauvegarde que le dépôt qui lui est propre.',
  depot_vide: 'Le dépôt du contenu n’a encore aucun commit : rien à sauvegarder.',
  sortie_non_vide: 'Le dossier de sortie existe déjà et n’est pas vide : choisissez-en un autre.',
  copie_invalide: 'La copie de la base de la forge a échoué à la vérification d’intégrité : la sauvegarde est abandonnée.',
  bundle_invalide: 'Le paquet git du contenu (contenu.bundle) est invalide.',
  sauvegarde_introuvable: 'Ce dossier ne contient pas de sauvegarde complète (manifeste.json absent ou illisible).',
  sauvegarde_corrompue: 'La sauvegarde est corrompue : un fichier ne correspond pas à l’empreinte du manifeste.',
  version_plus_recente: 'Cette sauvegarde vient d’une version plus récente de la forge : mettez la forge à jour avant de la restaurer.',
  contenu_non_vide: 'Le dossier de contenu n’est pas vide : ajoutez --force pour le remplacer par la sauvegarde.',
  cible_non_depot:
    'Le dossier de contenu n’est ni vide ni un dépôt git propre à la forge : même avec --force, il n’est pas remplacé (videz-le ou choisissez-en un autre).',
  base_existante: 'DATA_DIR contient déjà une base de la forge (forge.sqlite) : ajoutez --force pour la remplacer.',
  base_en_service: 'La base de la forge est ouverte par un autre processus (le serveur ?) : arrêtez-le avant de restaurer.',
  git_en_echec: 'Une commande git a échoué.',
};

export class BackupError extends Error {
  override readonly name = 'BackupError';

  constructor(
    readonly code: BackupErrorCode,
    options: { detail?: string; cause?: unknown } = {},
  ) {
    super(options.detail ? `${MESSAGES[code]} (${options.detail})` : MESSAGES[code], { cause: options.cause });
  }
}
