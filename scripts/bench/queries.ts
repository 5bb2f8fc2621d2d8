// What the benchmark asks: 200 searches of 1–3 words drawn from the corpus vocabulary (some
// typed without accents), facet requests with 3 active filters, fiche pages, filtered lists.
import fs from 'node:fs';
import path from 'node:path';
import { ADJECTIVES, NOUNS } from '../corpus/french-words.js';
import { Rng } from '../corpus/random.js';
import { loadVocabularies } from '../corpus/vocabularies.js';

const strip = (word: string) => word.normalize('NFD').replace(/\p{M}+/gu, '');

export function searchQueries(seed: number, count = 200): string[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: rng.int(1, 3) }, () => (rng.chance(0.7) ? rng.pick(NOUNS) : rng.pick(ADJECTIVES)));
    return words.map((w) => (rng.chance(0.3) ? strip(w) : w)).join(' ');
  });
}

/** Query strings with three active filters (contexts, structures, themes), common values first. */
export function facetQueries(ontologyDir: string, seed: number, count = 200): string[] {
  const rng = new Rng(seed);
  const { facets } = loadVocabularies(ontologyDir);
  const ids = (v: string) => facets.get(v)!.concepts.filter((c) => !c.remplace_par).map((c) => c.id);
  const [contextes, structures, themes] = [ids('contextes'), ids('structures'), ids('themes')];
  return Array.from({ length: count }, () => {
    const params = new URLSearchParams({ contextes: rng.pick(contextes!), structures: rng.pick(structures!), themes: rng.pick(themes!) });
    return `/api/fiches?${params}`;
  });
}

/** A sample of fiche slugs of the corpus (public or not: private ones answer 404, so skip them). */
export function fichePaths(contentDir: string, count = 200): string[] {
  const out: string[] = [];
  for (const type of ['methode', 'outil', 'commun', 'retour-experience']) {
    for (const name of fs.readdirSync(path.join(contentDir, type)).slice(0, count)) {
      const text = fs.readFileSync(path.join(contentDir, type, name), 'utf8');
      if (!text.includes('visibilite: prive')) out.push(`/fiches/${name.slice(0, -3)}`);
    }
  }
  return out.slice(0, count);
}

export function filteredListPaths(ontologyDir: string, seed: number, count = 50): string[] {
  return facetQueries(ontologyDir, seed, count).map((q) => q.replace('/api/fiches?', '/fiches?'));
}
