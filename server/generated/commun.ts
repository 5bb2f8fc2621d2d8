// Generated from schemas/ by scripts/gen-types.ts: do not edit, run `npm run gen:types`.
/**
 * Les défis auxquels le commun répond (vocabulaire defis).
 */
export type Defis = string[];
/**
 * Ce dont le commun a besoin : mentorat, financement… (vocabulaire richesses_recherchees).
 */
export type RichessesRecherchees = string[];
/**
 * Les organisations qui utilisent le commun ou souhaitent l'utiliser.
 */
export type Organisations = string[];
export type SiteWeb = string;

/**
 * Un commun : une ressource partagée et la communauté qui en prend soin.
 */
export interface FicheCommun {
  defis?: Defis;
  richesses_recherchees?: RichessesRecherchees;
  organisations?: Organisations;
  site?: SiteWeb;
  /**
   * Clés libres, conservées et ignorées.
   *
   * This interface was referenced by `FicheCommun`'s JSON-Schema definition
   * via the `patternProperty` "^x_".
   */
  [k: string]:
    | {
        [k: string]: unknown;
      }
    | Defis
    | RichessesRecherchees
    | Organisations
    | SiteWeb
    | undefined;
}
