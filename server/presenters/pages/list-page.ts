// Page model of /fiches: the facet form (checkboxes with counts), active filters as removable
// links, results with excerpts, sort and pagination. Views see only this, never rows.
import type { Ontology } from '../../ontology/ontology.js';
import type { FacetValueCount } from '../../search/facet-counts.js';
import { TYPE_LABELS } from '../../search/facet-counts.js';
import type { FicheList } from '../../search/list-fiches.js';
import { SORTS, type ListQuery } from '../../search/list-query.js';
import { licenceInfo } from '../../content/licences.js';
import { messages } from '../../i18n/messages.js';
import { listUrl } from './list-url.js';

const MAX_TAGS_SHOWN = 30;
const PAGE_WINDOW = 2;

export interface FacetFieldset {
  name: string;
  label: string;
  values: Array<{ id: string; label: string; count: number; checked: boolean; depth: number; inputId: string }>;
}

export function facetLabel(name: string, ontology: Ontology): string {
  // Own keys only: a vocabulary may be called `constructor`.
  return (Object.hasOwn(messages.facettes, name) ? messages.facettes[name] : undefined) ?? ontology.vocabulary(name)?.label ?? name;
}

export function presentListPage(list: FicheList, query: ListQuery, ontology: Ontology) {
  const lastPage = Math.max(1, Math.ceil(list.total / query.parPage));
  return {
    titre: query.q ? messages.liste.titreRecherche(query.q) : messages.liste.titre,
    q: query.q ?? '',
    total: list.total,
    elargie: list.rechercheElargie,
    resultats: list.resultats.map(({ summary, extrait }) => ({
      url: `/fiches/${summary.slug}`,
      titre: summary.titre,
      type: summary.type,
      typeLabel: TYPE_LABELS[summary.type] ?? summary.type,
      extrait,
      licence: licenceInfo(summary.licence).label,
      modifie: summary.modifie,
    })),
    facettes: presentFacets(list.facettes, query, ontology),
    actifs: [...query.filters].flatMap(([facet, values]) =>
      values.map((value) => ({
        facette: facetLabel(facet, ontology),
        valeur: valueLabel(list.facettes[facet], value),
        url: listUrl(query, { remove: { facet, value } }),
      })),
    ),
    effacerUrl: query.q ? `/fiches?${new URLSearchParams({ q: query.q }).toString()}` : '/fiches',
    // The default choice sends no sort, so that a query typed later is ranked by relevance.
    tris: [
      { id: '', label: messages.liste.triParDefaut, selected: query.triDemande === null },
      ...SORTS.map((id) => ({ id, label: messages.liste.tris[id]!, selected: id === query.triDemande })),
    ],
    parPage: query.parPage,
    pagination: presentPagination(query, lastPage),
  };
}

function valueLabel(values: FacetValueCount[] | undefined, id: string): string {
  return values?.find((v) => v.id === id)?.label ?? id;
}

function presentFacets(facettes: Record<string, FacetValueCount[]>, query: ListQuery, ontology: Ontology): FacetFieldset[] {
  const out: FacetFieldset[] = [];
  for (const [name, values] of Object.entries(facettes)) {
    const selected = new Set(query.filters.get(name) ?? []);
    const depthOf = depthFunction(values);
    let shown = values.filter((v) => v.count > 0 || selected.has(v.id));
    if (name === 'tags') shown = shown.filter((v, i) => i < MAX_TAGS_SHOWN || selected.has(v.id));
    if (shown.length === 0) continue;
    out.push({
      name,
      label: facetLabel(name, ontology),
      values: shown.map((v, i) => ({ id: v.id, label: v.label, count: v.count, checked: selected.has(v.id), depth: depthOf(v), inputId: `f-${name}-${i}` })),
    });
  }
  return out;
}

function depthFunction(values: FacetValueCount[]): (value: FacetValueCount) => number {
  const broader = new Map(values.map((v) => [v.id, v.broader ?? null]));
  return (value) => {
    let depth = 0;
    for (let parent = value.broader ?? null; parent && depth < 10; parent = broader.get(parent) ?? null) depth++;
    return depth;
  };
}

function presentPagination(query: ListQuery, lastPage: number) {
  const current = Math.min(query.page, Math.max(lastPage, query.page));
  const pages: Array<{ n: number; url: string; courante: boolean } | null> = [];
  for (let n = 1; n <= lastPage; n++) {
    const near = Math.abs(n - current) <= PAGE_WINDOW || n === 1 || n === lastPage;
    if (near) pages.push({ n, url: listUrl(query, { page: n }), courante: n === current });
    else if (pages[pages.length - 1] !== null) pages.push(null);
  }
  return {
    pages: lastPage > 1 ? pages : [],
    precedente: current > 1 ? listUrl(query, { page: Math.min(current - 1, lastPage) }) : null,
    suivante: current < lastPage ? listUrl(query, { page: current + 1 }) : null,
    libelle: messages.liste.pageCourante(current, lastPage),
  };
}
