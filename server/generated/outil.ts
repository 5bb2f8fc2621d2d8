// Generated from schemas/ by scripts/gen-types.ts: do not edit, run `npm run gen:types`.
export type SiteWeb = string;
/**
 * true si l'outil est un logiciel libre.
 */
export type LogicielLibre = boolean;
/**
 * La nature de l'outil (vocabulaire categories).
 */
export type Categories = string[];

/**
 * Un outil, logiciel ou non : un jeu de cartes, un moteur de wiki, une carte…
 */
export interface FicheOutil {
  site?: SiteWeb;
  logiciel_libre?: LogicielLibre;
  categories?: Categories;
  /**
   * Clés libres, conservées et ignorées.
   *
   * This interface was referenced by `FicheOutil`'s JSON-Schema definition
   * via the `patternProperty` "^x_".
   */
  [k: string]:
    | {
        [k: string]: unknown;
      }
    | SiteWeb
    | LogicielLibre
    | Categories
    | undefined;
}
