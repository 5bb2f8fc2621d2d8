// Generated from schemas/ by scripts/gen-types.ts: do not edit, run `npm run gen:types`.
import type { FicheBase } from './fiche-base.js';
import type { FicheCommun as ChampsFicheCommun } from './commun.js';
import type { FicheOutil as ChampsFicheOutil } from './outil.js';
import type { FicheMethode as ChampsFicheMethode } from './methode.js';
import type { FicheRetourExperience as ChampsFicheRetourExperience } from './retour-experience.js';

export type { FicheBase } from './fiche-base.js';
export type { Vocabulaire, Concept } from './vocabulaire.js';

/** Every key a fiche of this type may carry (base + its own). */
export type FicheCommun = FicheBase & ChampsFicheCommun;
/** Every key a fiche of this type may carry (base + its own). */
export type FicheOutil = FicheBase & ChampsFicheOutil;
/** Every key a fiche of this type may carry (base + its own). */
export type FicheMethode = FicheBase & ChampsFicheMethode;
/** Every key a fiche of this type may carry (base + its own). */
export type FicheRetourExperience = FicheBase & ChampsFicheRetourExperience;
