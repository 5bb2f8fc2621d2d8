// French-like text for generated corpora: accents, œ, plurals, elisions with both apostrophes,
// so that the analyser meets what real fiches hold.
import type { Rng } from './random.js';

export const NOUNS = [
  'expérience', 'écologie', 'coopération', 'territoire', 'résilience', 'communauté', 'jardin', 'forêt',
  'énergie', 'réseau', 'atelier', 'outil', 'commun', 'savoir', 'donnée', 'quartier', 'école', 'élève',
  'château', 'maïs', 'cœur', 'œuvre', 'rôle', 'façon', 'fête', 'récolte', 'semence', 'sol', 'eau',
  'économie', 'mairie', 'santé', 'mobilité', 'chantier', 'cantine', 'bibliothèque', 'fresque',
  'boussole', 'carte', 'frise', 'cercle', 'forum', 'café', 'régénération', 'prospective', 'crise',
  'sécurité', 'hôpital', 'règle', 'décision', 'médiation', 'intérêt', 'événement', 'lieu', 'verger',
  'ruche', 'grange', 'piste', 'étang', 'îlot', 'hameau', 'péniche', 'épicerie', 'brasserie',
];
export const ADJECTIVES = [
  'partagé', 'collectif', 'vivant', 'ouvert', 'local', 'solidaire', 'paysan', 'numérique', 'libre',
  'coopératif', 'durable', 'résilient', 'écologique', 'général', 'éphémère', 'énergétique', 'bénévole',
  'participatif', 'intérieur', 'précieux', 'fertile', 'mutualisé',
];
export const LINKS = ['de', 'du', 'des', 'pour', 'avec', 'et', 'en', 'sur', 'entre', 'à', 'au', 'dans', 'par'];
export const ELIDED = ["d'expérience", "l'écologie", 'l’atelier', 'd’énergie', "l'outil", "qu'un", "jusqu'au", "s'organiser", "n'est", "c'est", 'l’économie', "d'élèves"];
export const TAGS = [
  'écoute', 'dialogue', 'outilthèque', 'prêt', 'réparation', 'économie du partage', 'jardinage',
  'forêt comestible', 'énergie', 'données ouvertes', 'gouvernance', 'éducation', 'coopération',
  'santé', 'bien-être', 'mobilité', 'logiciel libre', 'café', 'ateliers', 'atelier', 'pédagogie',
  'compost', 'semences', 'habitat', 'récit',
];

export function plural(word: string): string {
  if (/[sxz]$/.test(word)) return word;
  if (/(eau|eu)$/.test(word)) return `${word}x`;
  if (/al$/.test(word) && word !== 'festival') return `${word.slice(0, -2)}aux`;
  return `${word}s`;
}

export function noun(rng: Rng): string {
  const word = rng.pick(NOUNS);
  return rng.chance(0.3) ? plural(word) : word;
}

export function word(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.45) return noun(rng);
  if (roll < 0.65) return rng.chance(0.3) ? plural(rng.pick(ADJECTIVES)) : rng.pick(ADJECTIVES);
  if (roll < 0.9) return rng.pick(LINKS);
  return rng.pick(ELIDED);
}

export function sentence(rng: Rng, min: number, max: number): string {
  const words = Array.from({ length: rng.int(min, max) }, () => word(rng));
  const text = words.join(' ');
  return `${text.charAt(0).toLocaleUpperCase('fr')}${text.slice(1)}.`;
}

export function title(rng: Rng): string {
  const parts = [noun(rng)];
  if (rng.chance(0.5)) parts.push(rng.pick(ADJECTIVES));
  if (rng.chance(0.7)) parts.push(rng.pick(LINKS), noun(rng));
  if (rng.chance(0.25)) parts.push(rng.pick(ELIDED));
  if (rng.chance(0.2)) parts.push(rng.pick(ADJECTIVES));
  const text = parts.join(' ');
  return `${text.charAt(0).toLocaleUpperCase('fr')}${text.slice(1)}`;
}
