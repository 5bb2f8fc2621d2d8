// The live ontology: vocabularies and their concepts, with merged concepts (remplace_par)
// resolved and the hierarchy (broader) walked. Pure data, built once per change of the
// vocabulary files.

export interface Concept {
  id: string;
  label: string;
  alt: string[];
  description: string | null;
  broader: string | null;
  remplace_par: string | null;
  inverse: string | null;
  symetrique: boolean;
}

export interface Vocabulary {
  id: string;
  label: string;
  description: string | null;
  hierarchique: boolean;
  concepts: Concept[];
}

/** The vocabulary that lists relation ids for `liens`; it is not a facet. */
export const RELATIONS_VOCABULARY = 'relations';

export class Ontology {
  readonly vocabularies: ReadonlyMap<string, Vocabulary>;
  private readonly concepts = new Map<string, Map<string, Concept>>();
  private readonly children = new Map<string, Map<string, Concept[]>>();

  constructor(vocabularies: Vocabulary[]) {
    const sorted = [...vocabularies].sort((a, b) => a.id.localeCompare(b.id));
    this.vocabularies = new Map(sorted.map((v) => [v.id, v]));
    for (const vocabulary of sorted) {
      const byId = new Map(vocabulary.concepts.map((c) => [c.id, c]));
      this.concepts.set(vocabulary.id, byId);
      const children = new Map<string, Concept[]>();
      for (const concept of vocabulary.concepts) {
        if (concept.broader && !concept.remplace_par) {
          const list = children.get(concept.broader) ?? [];
          list.push(concept);
          children.set(concept.broader, list);
        }
      }
      this.children.set(vocabulary.id, children);
    }
  }

  vocabulary(id: string): Vocabulary | undefined {
    return this.vocabularies.get(id);
  }

  /** Vocabularies that are facets of the catalogue (all but relations). */
  facetVocabularies(): Vocabulary[] {
    return [...this.vocabularies.values()].filter((v) => v.id !== RELATIONS_VOCABULARY);
  }

  concept(vocabularyId: string, conceptId: string): Concept | undefined {
    return this.concepts.get(vocabularyId)?.get(conceptId);
  }

  /** The id a concept is read as: itself, or the end of its remplace_par chain. */
  resolve(vocabularyId: string, conceptId: string): string | undefined {
    let concept = this.concept(vocabularyId, conceptId);
    for (let hops = 0; concept?.remplace_par && hops < 32; hops++) {
      concept = this.concept(vocabularyId, concept.remplace_par);
    }
    return concept && !concept.remplace_par ? concept.id : undefined;
  }

  /** The concept and all its broader concepts, nearest first (for rolled-up facets). */
  selfAndAncestors(vocabularyId: string, conceptId: string): string[] {
    const chain: string[] = [];
    let current = this.concept(vocabularyId, conceptId);
    while (current && !chain.includes(current.id) && chain.length < 32) {
      chain.push(current.id);
      current = current.broader ? this.concept(vocabularyId, current.broader) : undefined;
    }
    return chain;
  }

  narrower(vocabularyId: string, conceptId: string): Concept[] {
    return this.children.get(vocabularyId)?.get(conceptId) ?? [];
  }

  /** Concepts of a vocabulary that still stand on their own (not merged into another). */
  activeConcepts(vocabularyId: string): Concept[] {
    return (this.vocabularies.get(vocabularyId)?.concepts ?? []).filter((c) => !c.remplace_par);
  }
}
