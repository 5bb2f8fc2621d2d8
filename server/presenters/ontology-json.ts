// The outward JSON shapes of the ontology (contract §4): vocabularies and their concepts, with
// counts of public fiches (rolled up along the hierarchy).
import type { Catalogue } from '../index/catalogue.js';
import type { Vocabulary } from '../ontology/ontology.js';

export function presentVocabularies(catalogue: Catalogue) {
  return {
    vocabulaires: [...catalogue.ontology.vocabularies.values()].map((v) => ({
      id: v.id,
      label: v.label,
      description: v.description,
      hierarchique: v.hierarchique,
    })),
  };
}

export function conceptCount(catalogue: Catalogue, vocabularyId: string, conceptId: string): number {
  const set = catalogue.facets.valueSet(vocabularyId, conceptId);
  return set ? set.intersectionSize(catalogue.facets.visible) : 0;
}

export function presentVocabulary(catalogue: Catalogue, vocabulary: Vocabulary) {
  return {
    id: vocabulary.id,
    label: vocabulary.label,
    description: vocabulary.description,
    hierarchique: vocabulary.hierarchique,
    concepts: vocabulary.concepts.map((c) => ({
      id: c.id,
      label: c.label,
      alt: c.alt,
      broader: c.broader,
      description: c.description,
      remplace_par: c.remplace_par,
      ...(vocabulary.id === 'relations' ? { inverse: c.inverse, symetrique: c.symetrique } : {}),
      count: c.remplace_par ? 0 : conceptCount(catalogue, vocabulary.id, c.id),
    })),
  };
}
