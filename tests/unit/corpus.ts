// A deterministic corpus of valid fiches for tests that compare the API with a brute-force
// computation: French-like text (accents, elisions, plurals), concepts of the sample
// vocabularies used with a skewed distribution (a few concepts are very common, most are rare),
// merged concept ids, tags, licences, private fiches and modification dates. Seeded, so a
// failing combination can be replayed. Its text and randomness come from scripts/corpus/, shared
// with the benchmark corpus.
import path from 'node:path';
import { TAGS, sentence, title } from '../../scripts/corpus/french-words.js';
import { Rng } from '../../scripts/corpus/random.js';
import { loadVocabularies, type CorpusConcept, type CorpusVocabulary } from '../../scripts/corpus/vocabularies.js';
import { fiche, SAMPLE_CONTENT } from '../helpers/content.js';

export const FICHE_TYPES = ['commun', 'outil', 'methode', 'retour-experience'] as const;
export type CorpusType = (typeof FICHE_TYPES)[number];

export const PUBLIC_LICENCES = ['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-ND-4.0', 'CC0-1.0', 'ODbL-1.0'] as const;
export const PRIVATE_LICENCE = 'LicenseRef-Prive';

/** A word placed in some bodies only, so that tests know exactly which fiches it finds. */
export const MARKER_WORD = 'xylophone';

export interface CorpusFiche {
  slug: string;
  type: CorpusType;
  relPath: string;
  titre: string;
  resume: string;
  corps: string;
  licence: string;
  visibilite: 'public' | 'prive';
  modifie: string | null;
  /** Tags as written in the file (not normalised). */
  tags: string[];
  /** Vocabulary id → concept ids as written in the file (merged ids not resolved). */
  concepts: Record<string, string[]>;
  /** The body contains MARKER_WORD. */
  marque: boolean;
}

export interface Corpus {
  files: Record<string, string>;
  fiches: CorpusFiche[];
  vocabularies: Map<string, CorpusVocabulary>;
}

// Vocabularies a type's schema adds; the others (but `relations`) are open to every type.
const TYPE_ONLY_VOCABULARIES: Record<string, CorpusType> = {
  defis: 'commun',
  richesses_recherchees: 'commun',
  categories: 'outil',
};
const SINGLE_VALUE_VOCABULARIES = new Set(['niveau']);

/** The facet vocabularies of content/ontologie (or another ontology folder). */
export function loadSampleVocabularies(ontologyDir = path.join(SAMPLE_CONTENT, 'ontologie')): Map<string, CorpusVocabulary> {
  return loadVocabularies(ontologyDir).facets;
}

/** Vocabulary ids a fiche of this type may use. */
export function vocabulariesOfType(vocabularies: Map<string, CorpusVocabulary>, type: CorpusType): string[] {
  return [...vocabularies.keys()].filter((id) => !TYPE_ONLY_VOCABULARIES[id] || TYPE_ONLY_VOCABULARIES[id] === type);
}

// --- French-like text ---------------------------------------------------------------------

/** Titles that differ only by case or accents compare equal at the base level: keep them apart. */
function titleKey(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/’/g, "'");
}

// --- concepts ---------------------------------------------------------------------------

/** Zipf-like weights over a shuffled order: a few concepts are frequent, most are rare. */
function skewedWeights(rng: Rng, concepts: CorpusConcept[]): { ids: string[]; weights: number[] } {
  const ids = rng.shuffle(concepts.map((c) => c.id));
  return { ids, weights: ids.map((_, rank) => 1 / Math.pow(rank + 1, 1.3)) };
}

function pickConcepts(rng: Rng, table: { ids: string[]; weights: number[] }, count: number): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 10; tries++) out.add(rng.weighted(table.ids, table.weights));
  return [...out];
}

// --- the corpus ------------------------------------------------------------------------

export interface CorpusOptions {
  count: number;
  seed: number;
  vocabularies?: Map<string, CorpusVocabulary>;
}

export function generateCorpus({ count, seed, vocabularies = loadSampleVocabularies() }: CorpusOptions): Corpus {
  const rng = new Rng(seed);
  const tables = new Map([...vocabularies].map(([id, v]) => [id, skewedWeights(rng, v.concepts)]));
  const mergedIds = [...vocabularies.values()].flatMap((v) => v.concepts.filter((c) => c.remplace_par).map((c) => [v.id, c.id] as const));
  const dates = Array.from({ length: 40 }, () => `20${rng.int(19, 25)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`);
  const usedTitles = new Set<string>();
  const fiches: CorpusFiche[] = [];
  const files: Record<string, string> = {};

  for (let i = 0; i < count; i++) {
    const type = rng.weighted(FICHE_TYPES, [4, 3, 2, 1]);
    const slug = `fiche-${String(i).padStart(4, '0')}`;
    let titre = title(rng);
    while (usedTitles.has(titleKey(titre))) titre = title(rng);
    usedTitles.add(titleKey(titre));

    const prive = rng.chance(0.12);
    const licence = prive && rng.chance(0.7) ? PRIVATE_LICENCE : rng.weighted(PUBLIC_LICENCES, [12, 3, 1, 2, 2]);
    const modifie = rng.chance(0.75) ? rng.pick(dates) : null;
    const tags = pickTags(rng);
    const concepts: Record<string, string[]> = {};
    for (const vocabulary of vocabulariesOfType(vocabularies, type)) {
      const usual = ['contextes', 'structures', 'themes', 'formats', 'communautes', 'niveau'].includes(vocabulary) || TYPE_ONLY_VOCABULARIES[vocabulary];
      if (!rng.chance(usual ? 0.8 : 0.2)) continue;
      const howMany = SINGLE_VALUE_VOCABULARIES.has(vocabulary) ? 1 : rng.weighted([1, 2, 3, 4], [5, 4, 2, 1]);
      const ids = pickConcepts(rng, tables.get(vocabulary)!, howMany);
      if (ids.length > 0) concepts[vocabulary] = ids;
    }
    addEdgeCases(rng, concepts, vocabularies, vocabulariesOfType(vocabularies, type), mergedIds);

    const marque = rng.chance(0.2);
    const paragraphs = Array.from({ length: rng.int(1, 3) }, () => Array.from({ length: rng.int(1, 3) }, () => sentence(rng, 6, 18)).join(' '));
    if (marque) paragraphs.push(`Un ${MARKER_WORD} au fond de l'atelier.`);
    const corps = paragraphs.join('\n\n');
    const resume = sentence(rng, 6, 22);

    const frontMatter: Record<string, unknown> = { titre, resume, licence };
    if (prive) frontMatter.visibilite = 'prive';
    if (rng.chance(0.3)) frontMatter.type = type;
    if (rng.chance(0.5)) frontMatter.auteurs = [rng.pick(['Annette M.', 'Pierre P.', 'Léa B.', 'Collectif Éole'])];
    for (const [vocabulary, ids] of Object.entries(concepts)) {
      frontMatter[vocabulary] = SINGLE_VALUE_VOCABULARIES.has(vocabulary) ? ids[0] : ids;
    }
    if (tags.length > 0) frontMatter.tags = tags;
    if (rng.chance(0.4)) frontMatter.cree = rng.pick(dates);
    if (modifie) frontMatter.modifie = modifie;

    const relPath = `${type}/${slug}.md`;
    files[relPath] = fiche(frontMatter, corps);
    fiches.push({ slug, type, relPath, titre, resume, corps, licence, visibilite: prive ? 'prive' : 'public', modifie, tags, concepts, marque });
  }
  return { files, fiches, vocabularies };
}

/** Tags, now and then with a capital or in decomposed Unicode (the same tag for a reader). */
function pickTags(rng: Rng): string[] {
  const count = rng.weighted([0, 1, 2, 3], [3, 4, 3, 1]);
  const tags = new Set<string>();
  for (let i = 0; i < count; i++) {
    let tag = rng.weighted(TAGS, TAGS.map((_, rank) => 1 / (rank + 1)));
    if (rng.chance(0.1)) tag = `${tag.charAt(0).toLocaleUpperCase('fr')}${tag.slice(1)}`;
    else if (rng.chance(0.05)) tag = tag.normalize('NFD');
    tags.add(tag);
  }
  return [...tags];
}

/**
 * Cases the counts must get right: a merged id (alone or next to its replacement), and a fiche
 * filed under both a concept and its broader one (counted once under the broader one).
 */
function addEdgeCases(
  rng: Rng,
  concepts: Record<string, string[]>,
  vocabularies: Map<string, CorpusVocabulary>,
  allowed: string[],
  mergedIds: ReadonlyArray<readonly [string, string]>,
): void {
  for (const [vocabulary, id] of mergedIds) {
    if (!rng.chance(0.12) || !allowed.includes(vocabulary) || SINGLE_VALUE_VOCABULARIES.has(vocabulary)) continue;
    const list = (concepts[vocabulary] ??= []);
    if (!list.includes(id)) list.push(id);
    const replacement = vocabularies.get(vocabulary)!.concepts.find((c) => c.id === id)!.remplace_par!;
    if (rng.chance(0.3) && !list.includes(replacement)) list.push(replacement);
  }
  for (const vocabulary of vocabularies.values()) {
    if (!vocabulary.hierarchique || !allowed.includes(vocabulary.id) || !rng.chance(0.1)) continue;
    const child = rng.pick(vocabulary.concepts.filter((c) => c.broader && !c.remplace_par));
    const list = (concepts[vocabulary.id] ??= []);
    for (const id of [child.id, child.broader!]) if (!list.includes(id)) list.push(id);
  }
}

export { Rng, seededRandom } from '../../scripts/corpus/random.js';
export type { CorpusConcept, CorpusVocabulary } from '../../scripts/corpus/vocabularies.js';
