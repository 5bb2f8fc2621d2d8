// The benchmark corpus: N valid fiches of French-like text (~1.5 KB of body in sections and
// lists), every vocabulary used with a realistic skew (a few very common concepts, a long tail),
// type-specific fields, tags, wiki links and typed relations to other fiches of the corpus, a
// few private fiches. Deterministic from its seed; written file by file.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { ADJECTIVES, TAGS, noun, sentence, title } from './french-words.js';
import { Rng } from './random.js';
import { loadVocabularies, type CorpusVocabulary } from './vocabularies.js';

const TYPES = ['commun', 'outil', 'methode', 'retour-experience'] as const;
type FicheType = (typeof TYPES)[number];
const TYPE_WEIGHTS = [2, 3, 3, 2];
const LICENCES = ['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-ND-4.0', 'CC0-1.0', 'ODbL-1.0'];
const LICENCE_WEIGHTS = [14, 3, 1, 1, 1];
const TYPE_ONLY: Record<string, FicheType> = { defis: 'commun', richesses_recherchees: 'commun', categories: 'outil' };
const USUAL = ['contextes', 'structures', 'themes', 'formats', 'communautes', 'niveau'];
const AUTHORS = ['Annette M.', 'Pierre P.', 'Léa B.', 'Collectif Éole', 'Yasmine K.', 'Jean-Loup D.', 'La Nuée', 'Tiers-lieu L’Établi'];

export interface BenchCorpusOptions {
  count: number;
  seed: number;
  ontologyDir: string;
}

/** Slug of the i-th fiche: readable, unique, stable for a given seed. */
function slugOf(titre: string, index: number): string {
  const base = titre
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base || 'fiche'}-${index}`;
}

/** Yields [relative path, file text] for every fiche of the corpus. */
export function* generateBenchCorpus({ count, seed, ontologyDir }: BenchCorpusOptions): Generator<[string, string]> {
  const rng = new Rng(seed);
  const { facets, relations } = loadVocabularies(ontologyDir);
  const tables = new Map([...facets].map(([id, v]) => [id, skewed(rng, v)]));
  const slugs: string[] = [];
  for (let i = 0; i < count; i++) {
    const type = rng.weighted(TYPES, TYPE_WEIGHTS);
    const titre = title(rng);
    const slug = slugOf(titre, i);
    slugs.push(slug);
    const fm: Record<string, unknown> = { titre, resume: sentence(rng, 12, 30) };
    const prive = rng.chance(0.03);
    fm.licence = prive ? 'LicenseRef-Prive' : rng.weighted(LICENCES, LICENCE_WEIGHTS);
    if (prive) fm.visibilite = 'prive';
    fm.auteurs = rng.shuffle(AUTHORS).slice(0, rng.int(1, 3));
    for (const [vocabulary, table] of tables) {
      if (TYPE_ONLY[vocabulary] && TYPE_ONLY[vocabulary] !== type) continue;
      if (!rng.chance(USUAL.includes(vocabulary) || TYPE_ONLY[vocabulary] ? 0.85 : 0.25)) continue;
      const ids = pick(rng, table, vocabulary === 'niveau' ? 1 : rng.weighted([1, 2, 3], [5, 4, 2]));
      fm[vocabulary] = vocabulary === 'niveau' ? ids[0] : ids;
    }
    fm.tags = [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.weighted(TAGS, TAGS.map((_, r) => 1 / (r + 1)))))];
    Object.assign(fm, typeFields(rng, type, slugs));
    const earlier = (n: number) => (i === 0 ? [] : [...new Set(Array.from({ length: n }, () => slugs[rng.int(0, i - 1)]!))]);
    const liens: Record<string, string[]> = {};
    if (i > 0 && rng.chance(0.6)) liens[relations.includes('voir_aussi') ? 'voir_aussi' : relations[0]!] = earlier(rng.int(1, 3));
    if (i > 0 && type === 'retour-experience' && relations.includes('utilise')) liens.utilise = earlier(rng.int(1, 2));
    if (Object.keys(liens).length > 0) fm.liens = liens;
    fm.cree = date(rng, 2019, 2023);
    fm.modifie = date(rng, 2024, 2026);
    yield [`${type}/${slug}.md`, `---\n${stringify(fm, { lineWidth: 0 })}---\n${body(rng, earlier(rng.int(1, 3)))}`];
  }
}

/** Writes the corpus under `contentDir`, with the ontology folder it was drawn from. */
export function writeBenchCorpus(contentDir: string, options: BenchCorpusOptions): number {
  fs.cpSync(options.ontologyDir, path.join(contentDir, 'ontologie'), { recursive: true });
  let bytes = 0;
  for (const type of TYPES) fs.mkdirSync(path.join(contentDir, type), { recursive: true });
  for (const [relPath, text] of generateBenchCorpus(options)) {
    fs.writeFileSync(path.join(contentDir, relPath), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

function typeFields(rng: Rng, type: FicheType, slugs: string[]): Record<string, unknown> {
  switch (type) {
    case 'commun':
      return { organisations: [`Association ${noun(rng)}`, `Coopérative ${rng.pick(ADJECTIVES)}`], site: `https://${noun(rng).normalize('NFD').replace(/[^a-z]/g, '')}.example.org` };
    case 'outil':
      return { logiciel_libre: rng.chance(0.6), site: 'https://outil.example.org' };
    case 'methode':
      return { duree: `${rng.int(1, 4)} heures`, participants: { min: rng.int(3, 8), max: rng.int(10, 40) }, roles: [{ nom: 'Facilitation', raison_d_etre: sentence(rng, 5, 10) }] };
    default:
      return { date: date(rng, 2022, 2025), ...(slugs.length > 1 ? { ressources_utilisees: [slugs[rng.int(0, slugs.length - 2)]!] } : {}) };
  }
}

function body(rng: Rng, links: string[]): string {
  const paragraph = (n: number) => Array.from({ length: n }, () => sentence(rng, 8, 20)).join(' ');
  const [first, second] = links;
  const linked = (text: string, slug: string | undefined) => (slug ? `${text} Voir aussi [[${slug}]].` : text);
  return [
    '## En bref',
    '',
    linked(paragraph(3), first),
    '',
    '## Déroulé',
    '',
    ...Array.from({ length: rng.int(3, 5) }, (_, k) => `${k + 1}. ${sentence(rng, 6, 14)}`),
    '',
    '## Ce que nous avons appris',
    '',
    linked(paragraph(4), second),
    '',
    paragraph(2),
    '',
  ].join('\n');
}

function date(rng: Rng, from: number, to: number): string {
  return `${rng.int(from, to)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function skewed(rng: Rng, vocabulary: CorpusVocabulary): { ids: string[]; weights: number[] } {
  const ids = rng.shuffle(vocabulary.concepts.filter((c) => !c.remplace_par).map((c) => c.id));
  return { ids, weights: ids.map((_, rank) => 1 / Math.pow(rank + 1, 1.2)) };
}

function pick(rng: Rng, table: { ids: string[]; weights: number[] }, count: number): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 10; tries++) out.add(rng.weighted(table.ids, table.weights));
  return [...out];
}
