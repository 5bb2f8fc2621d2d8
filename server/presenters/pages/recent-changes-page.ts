// Page model of "Modifications récentes": the changes grouped by day (Paris time, the site's
// readers' time), each with its fiche, kind, author, time and summary.
import type { RecentChange } from '../../forge/recent-changes.js';
import { messages } from '../../i18n/messages.js';
import { TYPE_LABELS } from '../../search/facet-counts.js';
import { xmlAllowedText } from '../xml-text.js';

const TIME_ZONE = 'Europe/Paris';
const dayText = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: TIME_ZONE });
// en-CA writes dates as YYYY-MM-DD: the day's value for <time datetime>.
const dayKey = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TIME_ZONE });
const timeText = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: TIME_ZONE });

export const RECENT_CHANGES_FEED_URL = '/modifications.atom';

export function presentRecentChangesPage(changes: RecentChange[]) {
  const t = messages.modifications;
  const jours: { date: { iso: string; texte: string }; modifications: ReturnType<typeof presentChange>[] }[] = [];
  for (const change of changes) {
    const when = new Date(change.date);
    const iso = Number.isNaN(when.getTime()) ? change.date.slice(0, 10) : dayKey.format(when);
    if (jours.at(-1)?.date.iso !== iso) jours.push({ date: { iso, texte: Number.isNaN(when.getTime()) ? iso : dayText.format(when) }, modifications: [] });
    jours.at(-1)!.modifications.push(presentChange(change, when));
  }
  return { titre: t.titre, intro: t.intro, fluxUrl: RECENT_CHANGES_FEED_URL, jours };
}

function presentChange(change: RecentChange, when: Date) {
  const t = messages.modifications;
  const titre = xmlAllowedText(change.titre);
  return {
    titre,
    // A deleted fiche has no page: its title is shown without a link.
    url: change.servie ? change.url : null,
    type: change.type,
    typeLabel: TYPE_LABELS[change.type] ?? change.type,
    nature: t.natures[change.kind] ?? change.kind,
    auteur: xmlAllowedText(change.auteur),
    heure: { iso: change.date, texte: Number.isNaN(when.getTime()) ? change.date : timeText.format(when) },
    sujet: change.masque ? t.messageMasque : xmlAllowedText(change.sujet) || t.sansMessage,
    details: xmlAllowedText(change.details).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
    historiqueUrl: change.historiqueUrl,
    historiqueLabel: t.historique(titre),
  };
}
