// Filters and disjunctive facet counts over the in-memory bitsets. A facet's counts use every
// active filter except its own, so each value shows how many results choosing it would give.
import { FICHE_TYPES } from '../content/paths.js';
import type { FacetIndex } from '../index/facet-index.js';
import { Bitset } from '../index/bitset.js';
import type { Ontology } from '../ontology/ontology.js';
import { licenceInfo } from '../content/licences.js';

export interface FacetValueCount {
  id: string;
  label: string;
  count: number;
  /** Hierarchical vocabularies only: the parent concept. */
  broader?: string | null;
}

export const LICENCE_IDS = ['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC-BY-ND-4.0', 'CC0-1.0', 'ODbL-1.0', 'LicenseRef-Prive'];

export const TYPE_LABELS: Record<string, string> = {
  commun: 'Commun',
  outil: 'Outil',
  methode: 'Méthode',
  'retour-experience': 'Retour d’expérience',
};

/** The union of the sets of a facet's selected values. */
export function filterSet(index: FacetIndex, facet: string, values: string[]): Bitset {
  const union = new Bitset(0);
  for (const value of values) {
    const set = index.valueSet(facet, value);
    if (set) union.unite(set);
  }
  return union;
}

/** base ∩ every filter but `except`. */
export function intersectFilters(base: Bitset, filterSets: Map<string, Bitset>, except: string | null): Bitset {
  const result = base.clone();
  for (const [facet, set] of filterSets) if (facet !== except) result.intersect(set);
  return result;
}

/** Facet names in display order: type, the usual vocabularies, the others, licence, tags. */
export function facetOrder(ontology: Ontology): string[] {
  const preferred = ['contextes', 'structures', 'formats', 'themes', 'communautes', 'niveau'];
  const vocabularies = ontology.facetVocabularies().map((v) => v.id);
  const rest = vocabularies.filter((id) => !preferred.includes(id));
  return ['type', ...preferred.filter((id) => vocabularies.includes(id)), ...rest, 'licence', 'tags'];
}

export function countFacets(index: FacetIndex, ontology: Ontology, base: Bitset, filterSets: Map<string, Bitset>, selected: Map<string, string[]>): Record<string, FacetValueCount[]> {
  const all = intersectFilters(base, filterSets, null);
  const facettes: Record<string, FacetValueCount[]> = {};
  for (const facet of facetOrder(ontology)) {
    const context = filterSets.has(facet) ? intersectFilters(base, filterSets, facet) : all;
    const count = (value: string) => {
      const set = index.valueSet(facet, value);
      return set ? context.intersectionSize(set) : 0;
    };
    if (facet === 'type') {
      facettes.type = FICHE_TYPES.map((id) => ({ id, label: TYPE_LABELS[id]!, count: count(id) }));
    } else if (facet === 'licence') {
      facettes.licence = LICENCE_IDS.map((id) => ({ id, label: licenceInfo(id).label, count: count(id) }))
        .filter((v) => v.id !== 'LicenseRef-Prive' || v.count > 0);
    } else if (facet === 'tags') {
      facettes.tags = countTags(index, context, selected.get('tags') ?? []);
    } else {
      const vocabulary = ontology.vocabulary(facet)!;
      facettes[facet] = ontology.activeConcepts(facet).map((concept) => ({
        id: concept.id,
        label: concept.label,
        count: count(concept.id),
        ...(vocabulary.hierarchique ? { broader: concept.broader } : {}),
      }));
    }
  }
  return facettes;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/**
 * Tags of the fiches in `context`, and every selected tag, even one no fiche has: a selected tag
 * listed only when some fiche has it would tell that a private fiche uses it.
 */
function countTags(index: FacetIndex, context: Bitset, selected: string[]): FacetValueCount[] {
  const out: FacetValueCount[] = [];
  for (const [tag, set] of index.valuesOf('tags')) {
    const count = context.intersectionSize(set);
    if (count > 0) out.push({ id: tag, label: tag, count });
  }
  const listed = new Set(out.map((v) => v.id));
  for (const tag of new Set(selected)) if (!listed.has(tag)) out.push({ id: tag, label: tag, count: 0 });
  return out.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
}
