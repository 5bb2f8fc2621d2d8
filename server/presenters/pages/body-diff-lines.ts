// The body of a diff as lines to print in a <pre>: each changed line with a "+ " or "− " mark
// (readable without colours, and by screen readers that do not announce <ins>/<del>), a few
// unchanged lines around each change for context, and longer unchanged stretches folded into
// one "… n lignes inchangées …" line.
import type { BlocCorps } from '../../git/diff-fiche.js';
import { messages } from '../../i18n/messages.js';

export interface DiffLine {
  kind: 'ajoute' | 'supprime' | 'egal' | 'saut';
  texte: string;
}

const CONTEXT_LINES = 3;
const MARKS = { ajoute: '+ ', supprime: '− ', egal: '  ' } as const;

/** No line at all when nothing changed. */
export function bodyDiffLines(blocs: BlocCorps[]): DiffLine[] {
  if (!blocs.some((b) => b.type !== 'egal')) return [];
  const out: DiffLine[] = [];
  blocs.forEach((bloc, index) => {
    // An empty line is its mark alone (no trailing spaces in the page).
    const line = (texte: string): DiffLine => ({ kind: bloc.type, texte: texte === '' ? MARKS[bloc.type].trimEnd() : MARKS[bloc.type] + texte });
    if (bloc.type !== 'egal') return void out.push(...bloc.lignes.map(line));
    // Context is kept after the previous change and before the next one.
    const head = index > 0 ? CONTEXT_LINES : 0;
    const tail = index < blocs.length - 1 ? CONTEXT_LINES : 0;
    if (bloc.lignes.length <= head + tail + 1) return void out.push(...bloc.lignes.map(line));
    out.push(...bloc.lignes.slice(0, head).map(line));
    out.push({ kind: 'saut', texte: messages.propositions.lignesInchangees(bloc.lignes.length - head - tail) });
    out.push(...bloc.lignes.slice(bloc.lignes.length - tail).map(line));
  });
  return out;
}
