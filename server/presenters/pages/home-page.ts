// Page model of the home page: what the base holds, by type and by context, and what moved lately.
import type { FicheList } from '../../search/list-fiches.js';
import { TYPE_LABELS } from '../../search/facet-counts.js';
import { formatDate } from './format.js';
import { facetUrl } from './list-url.js';

export function presentHomePage(recent: FicheList) {
  const byCount = (facet: string) =>
    (recent.facettes[facet] ?? []).filter((v) => v.count > 0).map((v) => ({ label: v.label, count: v.count, url: facetUrl(facet, v.id) }));
  return {
    total: recent.total,
    types: byCount('type'),
    contextes: byCount('contextes'),
    recentes: recent.resultats.map(({ summary }) => ({
      titre: summary.titre,
      url: `/fiches/${summary.slug}`,
      typeLabel: TYPE_LABELS[summary.type] ?? summary.type,
      resume: summary.resume,
      modifie: formatDate(summary.modifie),
    })),
  };
}
