// Generated from schemas/ by scripts/gen-types.ts: do not edit, run `npm run gen:types`.
/**
 * Le nom de la fiche, tel qu'il apparaît dans les listes (3 à 200 caractères).
 */
export type Titre = string;
/**
 * Une ou deux phrases en texte brut qui disent à quoi sert la ressource (500 caractères au plus).
 */
export type Resume = string;
/**
 * L'identifiant SPDX de la licence. CC-BY-SA-4.0 par défaut ; LicenseRef-Prive seulement pour une fiche privée.
 */
export type Licence = 'CC-BY-SA-4.0' | 'CC-BY-4.0' | 'CC-BY-ND-4.0' | 'CC0-1.0' | 'ODbL-1.0' | 'LicenseRef-Prive';
/**
 * Facultatif ; s'il est présent, il doit être égal au dossier de la fiche.
 */
export type Type = 'commun' | 'outil' | 'methode' | 'retour-experience';
/**
 * Les noms des auteurs, tels qu'ils souhaitent être crédités.
 */
export type Auteurs = string[];
/**
 * Les milieux où la ressource a été conçue ou peut servir (vocabulaire contextes).
 */
export type Contextes = string[];
/**
 * Les formes d'organisation concernées (vocabulaire structures).
 */
export type TypesDeStructure = string[];
/**
 * Les thèmes de la résilience des territoires (vocabulaire hiérarchique themes).
 */
export type Themes = string[];
/**
 * La forme de la ressource : fiche pratique, guide, vidéo… (vocabulaire formats).
 */
export type TypesDeRessource = string[];
/**
 * Les communautés qui portent la ressource (vocabulaire communautes).
 */
export type Communautes = string[];
/**
 * Un seul concept du vocabulaire niveau.
 */
export type NiveauDeDeveloppement = string;
/**
 * Des mots libres.
 */
export type MotsCles = string[];
export type Slug = string;
/**
 * public (par défaut) ou prive.
 */
export type Visibilite = 'public' | 'prive';
export type CreeeLe = string;
export type ModifieeLe = string;

/**
 * Les champs communs à toutes les fiches. Chaque type de fiche étend ce schéma. Les champs de vocabulaire sont vérifiés contre l'ontologie vivante (content/ontologie/) : un concept ajouté à un vocabulaire est valide aussitôt.
 */
export interface FicheBase {
  titre: Titre;
  resume: Resume;
  licence: Licence;
  type?: Type;
  auteurs?: Auteurs;
  contextes?: Contextes;
  structures?: TypesDeStructure;
  themes?: Themes;
  formats?: TypesDeRessource;
  communautes?: Communautes;
  niveau?: NiveauDeDeveloppement;
  tags?: MotsCles;
  liens?: Relations;
  lieu?: Lieu;
  visibilite?: Visibilite;
  cree?: CreeeLe;
  modifie?: ModifieeLe;
  /**
   * Clés libres, conservées et ignorées.
   *
   * This interface was referenced by `FicheBase`'s JSON-Schema definition
   * via the `patternProperty` "^x_".
   */
  [k: string]:
    | {
        [k: string]: unknown;
      }
    | Titre
    | Licence
    | Type
    | Auteurs
    | Contextes
    | TypesDeStructure
    | Themes
    | TypesDeRessource
    | Communautes
    | MotsCles
    | Relations
    | Lieu
    | Visibilite
    | undefined;
}
/**
 * Relations typées vers d'autres fiches : identifiant de relation (vocabulaire relations) → liste de slugs.
 */
export interface Relations {
  [k: string]: Slug[];
}
/**
 * Le lieu concerné, avec ses coordonnées WGS84 si on les connaît.
 */
export interface Lieu {
  nom: string;
  lat?: number;
  lon?: number;
}
