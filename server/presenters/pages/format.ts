// Small display formats shared by page models.
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** `2024-02-01` → `1 février 2024` (the ISO text is kept for <time datetime>). */
export function formatDate(iso: string | null | undefined): { iso: string; texte: string } | null {
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return { iso, texte: Number.isNaN(date.getTime()) ? iso : dateFormat.format(date) };
}

export function conceptUrl(vocabulary: string, concept: string): string {
  return `/ontologie/${encodeURIComponent(vocabulary)}/${concept.split('/').map(encodeURIComponent).join('/')}`;
}
