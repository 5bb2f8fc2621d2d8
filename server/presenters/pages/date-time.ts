// Timestamps (ISO 8601) as the site's readers read them: French, Paris time.
const TIME_ZONE = 'Europe/Paris';
const dateTimeText = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });

/** For <time datetime="iso">texte</time>; null stays null. */
export function formatDateTime(iso: string | null): { iso: string; texte: string } | null {
  if (iso === null) return null;
  const date = new Date(iso);
  return { iso, texte: Number.isNaN(date.getTime()) ? iso : dateTimeText.format(date) };
}
