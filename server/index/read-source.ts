// Reads one changed content file into a `sources` row: digest, and the reading of a fiche or a
// vocabulary. Never throws for a bad file: its problems go in the row.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { resolveInside } from '../content/paths.js';
import type { LineProblem, Problem } from '../content/problem.js';
import { MAX_FICHE_BYTES, readFiche, storeReading, type FicheReading } from '../content/read-fiche.js';
import { readVocabulary, type VocabularyReading } from '../ontology/read-vocabulary.js';
import type { SourceRow } from '../db/sources-repository.js';
import type { ScannedFile } from './scan.js';

export interface VocabularyReader {
  validate: ValidateFunction;
  reservedKeys: ReadonlySet<string>;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function digestOf(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Reads a file's bytes, refusing what is too big, a symbolic link, or not UTF-8. Synchronous on
 * purpose: files are small, and a thread-pool round trip per open/read/close cost more than
 * the read itself (a third of a 10,000-fiche build).
 */
export function readOwnedFile(contentDir: string, file: ScannedFile): { content: string; digest: string } | { problem: string } {
  if (file.symlink) return { problem: 'lien symbolique refusé : placez le fichier lui-même dans le dossier de contenu' };
  if (file.size > MAX_FICHE_BYTES) return { problem: `fichier trop gros (${Math.round(file.size / 1024)} Kio ; ${MAX_FICHE_BYTES / 1024} Kio au plus)` };
  const fd = fs.openSync(resolveInside(contentDir, file.relPath), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (bytes.length > MAX_FICHE_BYTES) return { problem: `fichier trop gros (${MAX_FICHE_BYTES / 1024} Kio au plus)` };
  // Not UTF-8 (a Latin-1 file from an old editor): refused, rather than served with U+FFFD in
  // place of every accent (and those replacement characters saved back by the next edit).
  let content: string;
  try {
    content = UTF8.decode(bytes);
  } catch {
    return { problem: `le fichier n’est pas encodé en UTF-8 (ligne ${firstInvalidUtf8Line(bytes)}) : enregistrez-le en UTF-8` };
  }
  return { content, digest: digestOf(bytes) };
}

function firstInvalidUtf8Line(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}

export interface ReadSource {
  row: SourceRow;
  /** The reading kept in memory, so that validation and publication need not parse it back. */
  reading: FicheReading | VocabularyReading;
}

/** The row of a file that was read; validation fields are filled in later. */
export function sourceRowOf(file: ScannedFile, digest: string, content: string | null, problem: string | null, vocabularies: VocabularyReader): ReadSource {
  const base = { path: file.relPath, mtime_ms: file.mtimeMs, size: file.size, digest, valide: 0, donnees: null };
  const entry = file.entry;
  if (entry.kind === 'vocabulaire') {
    const reading: VocabularyReading =
      content === null
        ? { vocabulary: null, problems: asErrors([{ line: 1, message: problem ?? 'fichier illisible' }]) }
        : readVocabulary(entry.id, content, vocabularies.validate, vocabularies.reservedKeys);
    const row: SourceRow = { ...base, genre: 'vocabulaire', type: null, slug: null, lecture: JSON.stringify(reading), problemes: JSON.stringify(reading.problems) };
    return { row, reading };
  }
  if (entry.kind === 'fiche-mal-nommee') {
    const message = `nom de fichier invalide « ${entry.name} » : le slug doit suivre ^[a-z0-9]+(-[a-z0-9]+)*$ (minuscules sans accents, chiffres, tirets ; 80 caractères au plus) et finir par .md`;
    const reading = emptyReading(message);
    return { row: { ...base, genre: 'fiche', type: entry.type, slug: null, lecture: storeReading(reading), problemes: JSON.stringify(asErrors(reading.problems)) }, reading };
  }
  const reading = content === null ? emptyReading(problem ?? 'fichier illisible') : readFiche(content);
  return { row: { ...base, genre: 'fiche', type: entry.type, slug: entry.slug, lecture: storeReading(reading), problemes: JSON.stringify(asErrors(reading.problems)) }, reading };
}

function emptyReading(message: string): FicheReading {
  return { frontMatter: null, frontMatterText: '', body: '', bodyLine: 1, text: '', wikiLinks: [], problems: [{ line: 1, message }] };
}

function asErrors(problems: LineProblem[]): Problem[] {
  return problems.map((p) => ({ ...p, severity: 'erreur' }));
}
