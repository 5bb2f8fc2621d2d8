// Generated from schemas/ by scripts/gen-types.ts: do not edit, run `npm run gen:types`.
/**
 * La date de l'expérience racontée.
 */
export type Date = string;
export type Slug = string;
/**
 * Les fiches (slugs) des méthodes ou outils utilisés.
 */
export type RessourcesUtilisees = Slug[];

/**
 * Un retour d'expérience : ce qui s'est passé quand des ressources ont servi dans un contexte réel.
 */
export interface FicheRetourExperience {
  date?: Date;
  ressources_utilisees?: RessourcesUtilisees;
  /**
   * Clés libres, conservées et ignorées.
   *
   * This interface was referenced by `FicheRetourExperience`'s JSON-Schema definition
   * via the `patternProperty` "^x_".
   */
  [k: string]:
    | {
        [k: string]: unknown;
      }
    | Date
    | RessourcesUtilisees
    | undefined;
}
