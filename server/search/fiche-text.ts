// What the full-text index holds for a fiche: title, résumé and body (plus the free words that
// describe it: tags, authors, organisations, place), each analysed by the French analyser.
import { analyse } from '../analysis/french.js';
import type { FicheRecord } from '../content/fiche-record.js';
import type { AnalysedText } from '../db/fiches-repository.js';

const MAX_BODY_CHARS = 200_000;

export function ficheFullText(record: FicheRecord, bodyText: string): AnalysedText {
  const fm = record.frontMatter;
  const extra = [
    ...((fm.tags as string[] | undefined) ?? []),
    ...((fm.auteurs as string[] | undefined) ?? []),
    ...((fm.organisations as string[] | undefined) ?? []),
    (fm.lieu as { nom?: string } | undefined)?.nom ?? '',
  ].join(' ');
  return {
    titre: analyse(record.titre).join(' '),
    resume: analyse(record.resume).join(' '),
    corps: analyse(`${bodyText.slice(0, MAX_BODY_CHARS)}\n${extra}`).join(' '),
  };
}
