// Generated from schemas/ by scripts/gen-types.ts: do not edit, run `npm run gen:types`.
/**
 * La durée indicative, en texte libre (« 2 à 3 heures »).
 */
export type Duree = string;
export type NomDuRole = string;
export type RaisonDEtre = string;
/**
 * Les rôles tenus pendant la méthode, chacun avec sa raison d'être.
 */
export type Roles = {
  nom: NomDuRole;
  raison_d_etre?: RaisonDEtre;
}[];

/**
 * Une méthode : une manière de faire, avec ses rôles, ses étapes et ses conditions.
 */
export interface FicheMethode {
  duree?: Duree;
  participants?: Participants;
  roles?: Roles;
  /**
   * Clés libres, conservées et ignorées.
   *
   * This interface was referenced by `FicheMethode`'s JSON-Schema definition
   * via the `patternProperty` "^x_".
   */
  [k: string]:
    | {
        [k: string]: unknown;
      }
    | Duree
    | Participants
    | Roles
    | undefined;
}
/**
 * Le nombre de participants conseillé.
 */
export interface Participants {
  min?: number;
  max?: number;
}
