// Page models of /ontologie, /ontologie/:vocabulaire and /ontologie/:vocabulaire/:concept.
import type { Catalogue } from '../../index/catalogue.js';
import type { Concept, Vocabulary } from '../../ontology/ontology.js';
import { RELATIONS_VOCABULARY } from '../../ontology/ontology.js';
import { conceptCount } from '../ontology-json.js';
import { conceptUrl } from './format.js';
import { facetUrl } from './list-url.js';

export function presentVocabulariesPage(catalogue: Catalogue) {
  return {
    vocabulaires: [...catalogue.ontology.vocabularies.values()].map((v) => ({
      id: v.id,
      label: v.label,
      description: v.description,
      url: `/ontologie/${v.id}`,
      concepts: catalogue.ontology.activeConcepts(v.id).length,
      hierarchique: v.hierarchique,
    })),
  };
}

export function presentVocabularyPage(catalogue: Catalogue, vocabulary: Vocabulary) {
  const { ontology } = catalogue;
  const isFacet = vocabulary.id !== RELATIONS_VOCABULARY;
  const rows: Array<ReturnType<typeof conceptRow> & { profondeur: number }> = [];
  const walk = (concepts: Concept[], depth: number) => {
    for (const concept of concepts) {
      rows.push({ ...conceptRow(catalogue, vocabulary, concept), profondeur: depth });
      if (vocabulary.hierarchique) walk(ontology.narrower(vocabulary.id, concept.id), depth + 1);
    }
  };
  const active = ontology.activeConcepts(vocabulary.id);
  walk(vocabulary.hierarchique ? active.filter((c) => !c.broader) : active, 0);
  return {
    id: vocabulary.id,
    label: vocabulary.label,
    description: vocabulary.description,
    hierarchique: vocabulary.hierarchique,
    estRelations: !isFacet,
    concepts: rows,
    fusionnes: vocabulary.concepts
      .filter((c) => c.remplace_par)
      .map((c) => ({ id: c.id, label: c.label, remplacePar: ontology.concept(vocabulary.id, ontology.resolve(vocabulary.id, c.id) ?? '')?.label ?? c.remplace_par })),
  };
}

function conceptRow(catalogue: Catalogue, vocabulary: Vocabulary, concept: Concept) {
  const isFacet = vocabulary.id !== RELATIONS_VOCABULARY;
  const count = conceptCount(catalogue, vocabulary.id, concept.id);
  return {
    id: concept.id,
    label: concept.label,
    description: concept.description,
    url: conceptUrl(vocabulary.id, concept.id),
    count,
    fichesUrl: isFacet && count > 0 ? facetUrl(vocabulary.id, concept.id) : null,
    inverse: concept.inverse,
    symetrique: concept.symetrique,
  };
}

export function presentConceptPage(catalogue: Catalogue, vocabulary: Vocabulary, concept: Concept, fiches: Array<{ titre: string; url: string }>) {
  const { ontology } = catalogue;
  const broader = concept.broader ? ontology.concept(vocabulary.id, concept.broader) : undefined;
  return {
    vocabulaire: { id: vocabulary.id, label: vocabulary.label, url: `/ontologie/${vocabulary.id}` },
    ...conceptRow(catalogue, vocabulary, concept),
    alt: concept.alt,
    parent: broader ? { label: broader.label, url: conceptUrl(vocabulary.id, broader.id) } : null,
    enfants: ontology.narrower(vocabulary.id, concept.id).map((c) => ({ label: c.label, url: conceptUrl(vocabulary.id, c.id) })),
    fiches,
  };
}
