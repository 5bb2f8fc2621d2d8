// Generated from schemas/ by scripts/gen-types.ts: do not edit, run `npm run gen:types`.
/**
 * Le nom du fichier sans .yaml ; c'est aussi la clé de front matter et le paramètre d'API.
 */
export type Identifiant = string;
export type Libelle = string;
export type Description = string;
/**
 * true si les concepts forment un arbre (broader).
 */
export type Hierarchique = boolean;
/**
 * kebab-case ; dans un vocabulaire hiérarchique, des segments séparés par / (parent/enfant). Snake_case pour les relations.
 */
export type IdentifiantDuConcept = string;
export type Libelle1 = string;
export type LibellesAlternatifs = string[];
export type Description1 = string;
export type ConceptParent = string;
/**
 * Le concept dans lequel celui-ci a été fusionné.
 */
export type RemplacePar = string;
/**
 * Pour une relation : son libellé vu depuis l'autre fiche.
 */
export type LibelleInverse = string;
/**
 * Pour une relation : true si elle vaut dans les deux sens.
 */
export type Symetrique = boolean;
export type Concepts = Concept[];

/**
 * Un vocabulaire contrôlé (content/ontologie/<id>.yaml). Un identifiant de concept ne change jamais une fois publié ; son libellé peut changer.
 */
export interface Vocabulaire {
  id: Identifiant;
  label: Libelle;
  description?: Description;
  hierarchique?: Hierarchique;
  concepts: Concepts;
  /**
   * This interface was referenced by `Vocabulaire`'s JSON-Schema definition
   * via the `patternProperty` "^x_".
   */
  [k: string]: unknown;
}
export interface Concept {
  id: IdentifiantDuConcept;
  label: Libelle1;
  alt?: LibellesAlternatifs;
  description?: Description1;
  broader?: ConceptParent;
  remplace_par?: RemplacePar;
  inverse?: LibelleInverse;
  symetrique?: Symetrique;
  /**
   * This interface was referenced by `Concept`'s JSON-Schema definition
   * via the `patternProperty` "^x_".
   */
  [k: string]: unknown;
}
