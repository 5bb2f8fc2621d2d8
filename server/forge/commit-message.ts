// The commit message of a saved change: the contributor's edit summary (or a default one), and a
// trailer recording that the contribution was accepted under the fiche's licence.
const MAX_SUMMARY = 2000;

export function commitMessage(summary: unknown, fallback: string, licence: unknown): string {
  const text = typeof summary === 'string' ? summary.replace(/\r\n?/g, '\n').trim().slice(0, MAX_SUMMARY) : '';
  const subject = text || fallback;
  return typeof licence === 'string' && licence ? `${subject}\n\nLicence-acceptee: ${licence}` : subject;
}
