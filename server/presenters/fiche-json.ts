// The outward JSON shapes of fiches (contract §4): list items and the full fiche.
import type { FicheDetail } from '../fiche/read-fiche-detail.js';
import { ficheUrl } from '../fiche/read-fiche-detail.js';
import type { FicheList, ListedFiche } from '../search/list-fiches.js';

export function presentListItem({ summary, extrait }: ListedFiche) {
  return {
    slug: summary.slug,
    type: summary.type,
    titre: summary.titre,
    resume: summary.resume,
    licence: summary.licence,
    modifie: summary.modifie,
    url: ficheUrl(summary.slug),
    extrait,
  };
}

export function presentFicheList(list: FicheList) {
  return {
    total: list.total,
    page: list.page,
    par_page: list.parPage,
    resultats: list.resultats.map(presentListItem),
    facettes: list.facettes,
    ...(list.rechercheElargie ? { recherche_elargie: true } : {}),
  };
}

export function presentFiche(detail: FicheDetail) {
  const { record, row } = detail;
  return {
    ...record.frontMatter,
    slug: record.slug,
    type: record.type,
    url: ficheUrl(record.slug),
    revision: row.revision,
    html: detail.html,
    retroliens: detail.retroliens,
  };
}
