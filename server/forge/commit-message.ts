// The commit message of a saved change: the contributor's edit summary (or a default one), and a
// trailer recording that the contribution was accepted under the fiche's licence. And the way
// back: a commit message as readers are shown it (history pages, feeds).
const MAX_SUMMARY = 2000;
export const LICENCE_TRAILER = 'Licence-acceptee';

export function commitMessage(summary: unknown, fallback: string, licence: unknown): string {
  const text = typeof summary === 'string' ? summary.replace(/\r\n?/g, '\n').trim().slice(0, MAX_SUMMARY) : '';
  const subject = text || fallback;
  return typeof licence === 'string' && licence ? `${subject}\n\n${LICENCE_TRAILER}: ${licence}` : subject;
}

/** The first line of a message (its subject), and the rest without the licence trailer. */
export function readCommitMessage(message: string): { sujet: string; details: string } {
  const lines = message.replace(/\r\n?/g, '\n').split('\n');
  const trailer = `${LICENCE_TRAILER}: `;
  const rest = lines.slice(1).filter((line) => !line.startsWith(trailer));
  return { sujet: (lines[0] ?? '').trim(), details: rest.join('\n').trim() };
}
