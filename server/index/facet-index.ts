// The in-memory side of the index: one summary per served fiche (enough to answer a list page
// without touching SQLite) and one bitset per facet value. Values are stored expanded: a fiche
// filed under `a/b` is also in the set of `a`, so filtering on and counting a broader concept
// both cover its narrower ones, each fiche once. Loaded from SQLite at start, updated on change.
import { Bitset } from './bitset.js';
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
  private readonly docValues = new Map<number, Array<[string, string]>>();
  private readonly sets = new Map<string, Map<string, Bitset>>();
  private readonly slugs = new Map<string, number>();
  /** Fiches anyone may see (visibilite public). */
  readonly visible = new Bitset();
  private titleOrder: Int32Array | null = null;
  private titleRank: Int32Array | null = null;
  private modifiedOrder: Int32Array | null = null;

  constructor(private ontology: Ontology) {}

  get size(): number {
    return this.slugs.size;
  }

  /** Adds or replaces a fiche. `values` are as stored (resolved, not expanded). */
  upsert(summary: FicheSummary, values: Array<[string, string]>): void {
    this.remove(summary.id);
    // Keep only the summary fields: callers may pass a whole row (with its JSON payload).
    const { id, slug, type, titre, resume, licence, visibilite, modifie } = summary;
    this.docs[id] = { id, slug, type, titre, resume, licence, visibilite, modifie };
    this.slugs.set(summary.slug, summary.id);
    if (summary.visibilite === 'public') this.visible.add(summary.id);
    const expanded = this.expand(values);
    this.docValues.set(summary.id, expanded);
    for (const [facet, value] of expanded) this.setOf(facet, value).add(summary.id);
    this.invalidateOrders();
  }

  remove(id: number): void {
    const previous = this.docs[id];
    if (!previous) return;
    for (const [facet, value] of this.docValues.get(id) ?? []) this.sets.get(facet)?.get(value)?.delete(id);
    this.docValues.delete(id);
    this.visible.delete(id);
    this.slugs.delete(previous.slug);
    this.docs[id] = undefined;
    this.invalidateOrders();
  }

  /** After an ontology change: same fiches, values re-expanded along the new hierarchy. */
  reexpand(ontology: Ontology, valuesOf: (id: number) => Array<[string, string]>): void {
    this.ontology = ontology;
    this.sets.clear();
    for (const [id] of this.docValues) {
      const expanded = this.expand(valuesOf(id));
      this.docValues.set(id, expanded);
      for (const [facet, value] of expanded) this.setOf(facet, value).add(id);
    }
  }

  summary(id: number): FicheSummary | undefined {
    return this.docs[id];
  }

  idOfSlug(slug: string): number | undefined {
    return this.slugs.get(slug);
  }

  /** Fiches having this value (broader concepts include their narrower ones). */
  valueSet(facet: string, value: string): Bitset | undefined {
    return this.sets.get(facet)?.get(value);
  }

  /** Values present for a facet (tags, licences…). */
  valuesOf(facet: string): IterableIterator<[string, Bitset]> {
    return (this.sets.get(facet) ?? new Map<string, Bitset>()).entries();
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

  private setOf(facet: string, value: string): Bitset {
    let values = this.sets.get(facet);
    if (!values) this.sets.set(facet, (values = new Map()));
    let set = values.get(value);
    if (!set) values.set(value, (set = new Bitset(this.docs.length)));
    return set;
  }

  private expand(values: Array<[string, string]>): Array<[string, string]> {
    const out = new Map<string, [string, string]>();
    for (const [facet, value] of values) {
      const vocabulary = this.ontology.vocabulary(facet);
      const ids = vocabulary?.hierarchique ? this.ontology.selfAndAncestors(facet, value) : [value];
      for (const id of ids.length ? ids : [value]) out.set(`${facet}\u0000${id}`, [facet, id]);
    }
    return [...out.values()];
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
