// The in-memory side of the index: one summary per served fiche (enough to answer a list page
// without touching SQLite), the facet values of each (facet-values.ts), and the sort orders.
// Loaded from SQLite at start, updated on change.
import { Bitset } from './bitset.js';
import { FacetValues, type Pair } from './facet-values.js';
import type { Ontology } from '../ontology/ontology.js';

export interface FicheSummary {
  id: number;
  slug: string;
  type: string;
  titre: string;
  resume: string;
  licence: string;
  visibilite: string;
  modifie: string | null;
}

// The contract's French collation, at full sensitivity: titles that differ only by accents or
// case (Côte, cote, coté) still come in one order; equal titles fall back to their slug.
const collator = new Intl.Collator('fr');

export class FacetIndex {
  private readonly docs: Array<FicheSummary | undefined> = [];
  private readonly docPairs: Array<Int32Array | undefined> = [];
  private readonly values: FacetValues;
  private readonly slugs = new Map<string, number>();
  /** Fiches anyone may see (visibilite public). */
  readonly visible = new Bitset();
  private titleOrder: Int32Array | null = null;
  private titleRank: Int32Array | null = null;
  private modifiedOrder: Int32Array | null = null;

  constructor(ontology: Ontology, knownPairs: Pair[] = []) {
    this.values = new FacetValues(ontology, knownPairs);
  }

  /** Pair ids of a fiche's values, with the pairs the caller must store (see FacetValues). */
  internValues(values: ReadonlyArray<readonly [string, string]>): { ids: Int32Array; added: Pair[] } {
    return this.values.intern(values);
  }

  get size(): number {
    return this.slugs.size;
  }

  /** Adds or replaces a fiche, given the pair ids of its values (internValues). */
  upsert(summary: FicheSummary, pairs: Int32Array): void {
    this.remove(summary.id);
    // Keep only the summary fields: callers may pass a whole row (with its JSON payload).
    const { id, slug, type, titre, resume, licence, visibilite, modifie } = summary;
    this.docs[id] = { id, slug, type, titre, resume, licence, visibilite, modifie };
    this.slugs.set(slug, id);
    if (visibilite === 'public') this.visible.add(id);
    this.docPairs[id] = pairs;
    this.values.add(id, pairs);
    this.invalidateOrders();
  }

  remove(id: number): void {
    const previous = this.docs[id];
    if (!previous) return;
    this.values.delete(id, this.docPairs[id]!);
    this.docPairs[id] = undefined;
    this.visible.delete(id);
    this.slugs.delete(previous.slug);
    this.docs[id] = undefined;
    this.invalidateOrders();
  }

  /** After an ontology change: same fiches, values re-expanded along the new hierarchy. */
  reexpand(ontology: Ontology): void {
    this.values.reset(ontology);
    this.docPairs.forEach((pairs, id) => pairs && this.values.add(id, pairs));
  }

  summary(id: number): FicheSummary | undefined {
    return this.docs[id];
  }

  idOfSlug(slug: string): number | undefined {
    return this.slugs.get(slug);
  }

  /** Fiches having this value (broader concepts include their narrower ones). */
  valueSet(facet: string, value: string): Bitset | undefined {
    return this.values.set(facet, value);
  }

  /** Values present for a facet (tags, licences…). */
  valuesOf(facet: string): IterableIterator<[string, Bitset]> {
    return this.values.entries(facet);
  }

  /** Slots sorted by title, French collation. */
  byTitle(): Int32Array {
    if (!this.titleOrder) {
      const ids = this.liveIds();
      ids.sort((a, b) => collator.compare(this.docs[a]!.titre, this.docs[b]!.titre) || compareCodeUnits(this.docs[a]!.slug, this.docs[b]!.slug));
      this.titleOrder = Int32Array.from(ids);
    }
    return this.titleOrder;
  }

  /** Rank of each slot in the title order, for tie-breaks. */
  titleRanks(): Int32Array {
    if (!this.titleRank) {
      const order = this.byTitle();
      const ranks = new Int32Array(this.docs.length);
      order.forEach((id, rank) => (ranks[id] = rank));
      this.titleRank = ranks;
    }
    return this.titleRank;
  }

  /** Slots by modification date, newest first; undated fiches last; ties by title. */
  byModified(): Int32Array {
    if (!this.modifiedOrder) {
      const ranks = this.titleRanks();
      const ids = this.liveIds();
      ids.sort((a, b) => {
        const ma = this.docs[a]!.modifie ?? '';
        const mb = this.docs[b]!.modifie ?? '';
        return ma === mb ? ranks[a]! - ranks[b]! : ma < mb ? 1 : -1;
      });
      this.modifiedOrder = Int32Array.from(ids);
    }
    return this.modifiedOrder;
  }

  private liveIds(): number[] {
    return [...this.slugs.values()];
  }

  private invalidateOrders(): void {
    this.titleOrder = null;
    this.titleRank = null;
    this.modifiedOrder = null;
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
