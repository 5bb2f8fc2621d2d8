// The error catalogue: every machine code the API can answer with, its HTTP status and its
// French message. Routes and domain code throw AppError(code); one handler turns it into
// `{erreur, code}` (JSON) or an error page (HTML).

export const ERROR_CATALOGUE = {
  requete_invalide: { status: 400, message: 'La requête est invalide.' },
  parametre_invalide: { status: 400, message: 'Un paramètre de la requête est invalide.' },
  parametre_inconnu: { status: 400, message: 'Paramètre inconnu.' },
  adresse_invalide: { status: 400, message: 'L’adresse demandée est mal formée (encodage % invalide).' },
  json_invalide: { status: 400, message: 'Le corps de la requête n’est pas du JSON valide.' },
  fiche_invalide: { status: 400, message: 'La fiche n’est pas valide : voyez le message de chaque champ.' },
  non_authentifie: { status: 401, message: 'Authentification requise : connectez-vous ou présentez un jeton d’accès personnel.' },
  jeton_csrf_invalide: { status: 403, message: 'Le formulaire a expiré ou ne vient pas de ce site : rechargez la page et recommencez.' },
  acces_refuse: { status: 403, message: 'Votre compte ne permet pas cette action.' },
  fiche_introuvable: { status: 404, message: 'Cette fiche n’existe pas.' },
  vocabulaire_introuvable: { status: 404, message: 'Ce vocabulaire n’existe pas.' },
  concept_introuvable: { status: 404, message: 'Ce concept n’existe pas dans ce vocabulaire.' },
  revision_introuvable: { status: 404, message: 'Cette révision n’existe pas dans l’historique de la fiche.' },
  proposition_introuvable: { status: 404, message: 'Cette proposition n’existe pas.' },
  page_introuvable: { status: 404, message: 'Cette page n’existe pas.' },
  route_introuvable: { status: 404, message: 'Cette adresse ne correspond à aucune ressource de l’API.' },
  methode_non_permise: { status: 405, message: 'Cette méthode HTTP n’est pas permise ici.' },
  fiche_existante: { status: 409, message: 'Une fiche porte déjà ce slug : choisissez-en un autre.' },
  conflit: { status: 409, message: 'La fiche a changé depuis la version que vous avez modifiée : reprenez vos changements sur la version actuelle.' },
  proposition_traitee: { status: 409, message: 'Cette proposition a déjà été traitée.' },
  fiche_supprimee: { status: 410, message: 'Cette fiche a été supprimée ; son historique reste consultable.' },
  requete_trop_grande: { status: 413, message: 'La requête est trop grande.' },
  adresse_trop_longue: { status: 414, message: 'L’adresse demandée est trop longue.' },
  entetes_trop_grands: { status: 431, message: 'Les en-têtes de la requête sont trop grands.' },
  delai_depasse: { status: 408, message: 'La requête a mis trop de temps à arriver.' },
  type_de_contenu_non_supporte: { status: 415, message: 'Ce type de contenu n’est pas accepté.' },
  precondition_requise: { status: 428, message: 'L’en-tête If-Match est obligatoire : il porte la révision que vous avez modifiée.' },
  trop_de_requetes: { status: 429, message: 'Trop de requêtes : réessayez dans un moment.' },
  erreur_interne: { status: 500, message: 'Une erreur interne est survenue. Elle a été journalisée.' },
  service_indisponible: { status: 503, message: 'Le service démarre ou s’arrête : réessayez dans un instant.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra fields sent with the error (e.g. `parametre`), never server internals. */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details: Record<string, unknown> = {}) {
    const entry = ERROR_CATALOGUE[code];
    super(message ?? entry.message);
    this.code = code;
    this.status = entry.status;
    this.details = details;
  }
}

/** The JSON body of an error reply. */
export function errorBody(error: AppError): Record<string, unknown> {
  return { ...error.details, erreur: error.message, code: error.code };
}
