// The facet values of the in-memory index: every (facet, value) pair is interned once as a small
// integer with its bitset of fiches, and each fiche keeps only the ids of its own pairs (a few
// bytes instead of tuples of strings). Sets are stored expanded along the hierarchy: a fiche
// filed under `a/b` is also in the set of `a`, so filtering on and counting a broader concept
// both cover its narrower ones, each fiche once.
import type { Ontology } from '../ontology/ontology.js';
import { Bitset } from './bitset.js';

export class FacetValues {
  private readonly ids = new Map<string, Map<string, number>>();
  private readonly facetOf: string[] = [];
  private readonly valueOf: string[] = [];
  private sets: Bitset[] = [];
  /** Pair id → ids of the pair and of its broader concepts (filled lazily). */
  private expansions: Array<Int32Array | undefined> = [];

  constructor(private ontology: Ontology) {}

  /** The pair ids of a fiche's values (as stored: resolved, not expanded). */
  intern(values: ReadonlyArray<readonly [string, string]>): Int32Array {
    return Int32Array.from(values, ([facet, value]) => this.idOf(facet, value));
  }

  add(doc: number, pairs: Int32Array): void {
    for (const pair of pairs) for (const id of this.expand(pair)) this.sets[id]!.add(doc);
  }

  delete(doc: number, pairs: Int32Array): void {
    for (const pair of pairs) for (const id of this.expand(pair)) this.sets[id]!.delete(doc);
  }

  /** After an ontology change: empty sets and forget expansions; callers add every fiche again. */
  reset(ontology: Ontology): void {
    this.ontology = ontology;
    this.sets = this.sets.map(() => new Bitset());
    this.expansions = [];
  }

  set(facet: string, value: string): Bitset | undefined {
    const id = this.ids.get(facet)?.get(value);
    return id === undefined ? undefined : this.sets[id];
  }

  *entries(facet: string): IterableIterator<[string, Bitset]> {
    for (const [value, id] of this.ids.get(facet) ?? []) yield [value, this.sets[id]!];
  }

  private idOf(facet: string, value: string): number {
    let values = this.ids.get(facet);
    if (!values) this.ids.set(facet, (values = new Map()));
    let id = values.get(value);
    if (id === undefined) {
      id = this.facetOf.length;
      values.set(value, id);
      this.facetOf.push(facet);
      this.valueOf.push(value);
      this.sets.push(new Bitset());
    }
    return id;
  }

  private expand(pair: number): Int32Array {
    let expansion = this.expansions[pair];
    if (!expansion) {
      const facet = this.facetOf[pair]!;
      const value = this.valueOf[pair]!;
      const hierarchical = this.ontology.vocabulary(facet)?.hierarchique === true;
      const chain = hierarchical ? this.ontology.selfAndAncestors(facet, value) : [];
      expansion = chain.length > 1 ? Int32Array.from(chain, (id) => this.idOf(facet, id)) : Int32Array.of(pair);
      this.expansions[pair] = expansion;
    }
    return expansion;
  }
}
