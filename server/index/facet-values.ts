// The facet values of the in-memory index: every (facet, value) pair is interned once as a small
// integer with its bitset of fiches, and each fiche keeps only the ids of its own pairs (a few
// bytes instead of tuples of strings). The ids a fiche names are stored too (table `paires`, and
// each fiche's ids as a blob), so that a start loads them without parsing any string. Sets are
// expanded along the hierarchy: a fiche filed under `a/b` is also in the set of `a`, so
// filtering on and counting a broader concept both cover its narrower ones, each fiche once.
import type { Ontology } from '../ontology/ontology.js';
import { Bitset } from './bitset.js';

export interface Pair {
  id: number;
  facette: string;
  valeur: string;
}

export class FacetValues {
  private readonly ids = new Map<string, Map<string, number>>();
  private readonly facetOf: string[] = [];
  private readonly valueOf: string[] = [];
  /** Pairs already in the `paires` table (broader concepts may exist in memory only). */
  private readonly stored: boolean[] = [];
  private sets: Bitset[] = [];
  /** Pair id → ids of the pair and of its broader concepts (filled lazily). */
  private expansions: Array<Int32Array | undefined> = [];

  constructor(
    private ontology: Ontology,
    known: Pair[] = [],
  ) {
    for (const pair of known) this.register(pair.id, pair.facette, pair.valeur, true);
  }

  /** The pair ids of a fiche's values (as stored: resolved, not expanded), and the pairs to store. */
  intern(values: ReadonlyArray<readonly [string, string]>): { ids: Int32Array; added: Pair[] } {
    const added: Pair[] = [];
    const ids = Int32Array.from(values, ([facet, value]) => {
      const id = this.idOf(facet, value);
      if (!this.stored[id]) {
        this.stored[id] = true;
        added.push({ id, facette: facet, valeur: value });
      }
      return id;
    });
    return { ids, added };
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
    const known = this.ids.get(facet)?.get(value);
    if (known !== undefined) return known;
    const id = this.facetOf.length;
    this.register(id, facet, value, false);
    return id;
  }

  private register(id: number, facet: string, value: string, stored: boolean): void {
    let values = this.ids.get(facet);
    if (!values) this.ids.set(facet, (values = new Map()));
    values.set(value, id);
    this.facetOf[id] = facet;
    this.valueOf[id] = value;
    this.stored[id] = stored;
    this.sets[id] = new Bitset();
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
