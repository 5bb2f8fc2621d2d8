// Page model of /fiches/:slug: title, résumé, a metadata table whose concepts link to their
// pages, the body, relations both ways and the "Réutiliser" block (TASL attribution).
import type { FicheDetail } from '../../fiche/read-fiche-detail.js';
import { ficheUrl } from '../../fiche/read-fiche-detail.js';
import type { FicheBase } from '../../generated/index.js';
import { normaliseTag } from '../../content/fiche-record.js';
import { licenceInfo } from '../../content/licences.js';
import { messages } from '../../i18n/messages.js';
import type { Ontology } from '../../ontology/ontology.js';
import { RELATIONS_VOCABULARY } from '../../ontology/ontology.js';
import { TYPE_LABELS, facetOrder } from '../../search/facet-counts.js';
import { conceptUrl, formatDate } from './format.js';
import { facetUrl } from './list-url.js';

export interface MetaValue {
  texte: string;
  url?: string;
  externe?: boolean;
  date?: string;
}

export interface MetaRow {
  label: string;
  valeurs: MetaValue[];
}

type FrontMatter = FicheBase & Record<string, unknown>;

export function presentFichePage(detail: FicheDetail, ontology: Ontology, baseUrl: string, isVisible: (slug: string) => string | null, contributeurs: string[] = []) {
  const fm = detail.record.frontMatter as FrontMatter;
  const t = messages.fiche;
  const licence = licenceInfo(fm.licence);
  const auteurs = fm.auteurs ?? [];
  const absoluteUrl = `${baseUrl}${ficheUrl(detail.record.slug)}`;
  return {
    titre: fm.titre,
    resume: fm.resume,
    type: detail.record.type,
    typeLabel: TYPE_LABELS[detail.record.type] ?? detail.record.type,
    typeUrl: facetUrl('type', detail.record.type),
    html: detail.html,
    metadonnees: metadataRows(fm, detail, ontology, isVisible),
    roles: (fm.roles as Array<{ nom: string; raison_d_etre?: string }> | undefined) ?? [],
    licence,
    auteurs,
    // Contributors not already credited as authors.
    contributeurs: contributeurs.filter((c) => !auteurs.includes(c)),
    historiqueUrl: `${ficheUrl(detail.record.slug)}/historique`,
    modifierUrl: `${ficheUrl(detail.record.slug)}/modifier`,
    attribution: t.attribution(fm.titre, auteurs, absoluteUrl, licence.label, licence.url, contributeurs.filter((c) => !auteurs.includes(c))),
    relationsSortantes: groupBy(detail.liensSortants, (l) => relationLabel(ontology, l.relation, false)).map(([label, liens]) => ({
      label,
      fiches: liens.map((l) => ({ titre: l.titre ?? l.slug, url: l.titre ? ficheUrl(l.slug) : null })),
    })),
    retroliens: groupBy(detail.retroliens, (l) => (l.relation ? relationLabel(ontology, l.relation, true) : t.mentionnePar)).map(([label, liens]) => ({
      label,
      fiches: liens.map((l) => ({ titre: l.titre, url: ficheUrl(l.slug) })),
    })),
  };
}

function relationLabel(ontology: Ontology, relation: string, inverse: boolean): string {
  const concept = ontology.concept(RELATIONS_VOCABULARY, relation);
  return (inverse ? concept?.inverse : null) ?? concept?.label ?? relation;
}

function metadataRows(fm: FrontMatter, detail: FicheDetail, ontology: Ontology, isVisible: (slug: string) => string | null): MetaRow[] {
  const t = messages.fiche;
  const rows: MetaRow[] = [];
  const push = (label: string, valeurs: MetaValue[]) => {
    if (valeurs.length > 0) rows.push({ label, valeurs });
  };
  push(t.type, [{ texte: TYPE_LABELS[detail.record.type] ?? detail.record.type, url: facetUrl('type', detail.record.type) }]);
  for (const vocabularyId of facetOrder(ontology)) {
    const vocabulary = ontology.vocabulary(vocabularyId);
    const value = fm[vocabularyId];
    if (!vocabulary || value === undefined) continue;
    const ids = Array.isArray(value) ? (value as string[]) : [String(value)];
    push(
      vocabulary.label,
      ids.map((id) => ({ texte: ontology.concept(vocabularyId, id)?.label ?? id, url: conceptUrl(vocabularyId, id) })),
    );
  }
  push(t.auteurs, (fm.auteurs ?? []).map((a) => ({ texte: a })));
  const organisations = (fm.organisations as string[] | undefined) ?? [];
  push(t.organisations, organisations.map((o) => ({ texte: o })));
  const site = fm.site as string | undefined;
  if (site) push(t.site, [{ texte: site, url: site, externe: true }]);
  if (typeof fm.logiciel_libre === 'boolean') push(t.logicielLibre, [{ texte: fm.logiciel_libre ? t.oui : t.non }]);
  if (typeof fm.duree === 'string') push(t.duree, [{ texte: fm.duree }]);
  const participants = fm.participants as { min?: number; max?: number } | undefined;
  if (participants) push(t.participants, [{ texte: t.participantsValeur(participants.min, participants.max) }]);
  const date = formatDate(fm.date as string | undefined);
  if (date) push(t.date, [{ texte: date.texte, date: date.iso }]);
  const ressources = (fm.ressources_utilisees as string[] | undefined) ?? [];
  push(
    t.ressourcesUtilisees,
    ressources.map((slug) => {
      const titre = isVisible(slug);
      return titre ? { texte: titre, url: ficheUrl(slug) } : { texte: `${slug} (${t.ficheManquante})` };
    }),
  );
  if (fm.lieu) {
    const { nom, lat, lon } = fm.lieu;
    const url = lat !== undefined && lon !== undefined ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=13/${lat}/${lon}` : undefined;
    push(t.lieu, [{ texte: nom, ...(url ? { url, externe: true } : {}) }]);
  }
  push(t.tags, (fm.tags ?? []).map((tag) => ({ texte: tag, url: facetUrl('tags', normaliseTag(tag)) })));
  for (const [label, iso] of [[t.cree, fm.cree], [t.modifie, fm.modifie]] as const) {
    const d = formatDate(iso);
    if (d) push(label, [{ texte: d.texte, date: d.iso }]);
  }
  return rows;
}

function groupBy<T>(items: T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups];
}
