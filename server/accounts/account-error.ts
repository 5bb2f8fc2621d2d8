// Refusals of the accounts module: a machine code for routes and the CLI, a French message for
// people. Routes map the code to an HTTP status (400 for a bad field, 409 for a taken e-mail).
export const ACCOUNT_ERRORS = {
  email_invalide: 'Adresse e-mail invalide.',
  email_deja_utilise: 'Un compte existe déjà avec cette adresse e-mail.',
  nom_invalide: 'Le nom affiché doit compter de 1 à 80 caractères, sans caractère de contrôle ni « < » « > ».',
  role_invalide: 'Rôle inconnu : les rôles sont contributeur, editeur et admin.',
  mot_de_passe_trop_court: 'Le mot de passe doit compter au moins 10 caractères.',
  mot_de_passe_trop_long: 'Le mot de passe ne doit pas dépasser 1 024 caractères.',
  compte_introuvable: 'Aucun compte ne correspond.',
  compte_inactif: 'Ce compte est désactivé.',
  libelle_invalide: 'Le libellé du jeton doit compter de 1 à 80 caractères, sans caractère de contrôle.',
} as const satisfies Record<string, string>;

export type AccountErrorCode = keyof typeof ACCOUNT_ERRORS;

export class AccountError extends Error {
  override readonly name = 'AccountError';

  constructor(
    readonly code: AccountErrorCode,
    message: string = ACCOUNT_ERRORS[code],
  ) {
    super(message);
  }
}
