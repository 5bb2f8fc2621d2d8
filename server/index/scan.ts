// Lists the files the forge owns in the content folder, with the stat that tells whether
// they may have changed since the last sync (size and mtime). Symbolic links are refused.
// Synchronous calls, in chunks that yield to the event loop: for tens of thousands of small
// files, a thread-pool round trip per stat cost more than the stat itself.
import fs from 'node:fs';
import path from 'node:path';
import { FICHE_TYPES, ONTOLOGY_FOLDER, classifyContentPath, type ContentEntry } from '../content/paths.js';

export interface ScannedFile {
  relPath: string;
  entry: ContentEntry;
  mtimeMs: number;
  size: number;
  symlink: boolean;
}

const CHUNK = 4096;

/** Every owned file under the content root. */
export async function scanContent(contentDir: string): Promise<ScannedFile[]> {
  const relPaths: string[] = [];
  for (const folder of [ONTOLOGY_FOLDER, ...FICHE_TYPES]) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(contentDir, folder));
    } catch {
      continue; // a missing folder is simply empty
    }
    for (const name of names) relPaths.push(`${folder}/${name}`);
  }
  const found = await statPaths(contentDir, relPaths);
  return [...found.values()].filter((f): f is ScannedFile => f !== null);
}

/** Stat of the given relative paths; null for a path that is gone or not ours. */
export async function statPaths(contentDir: string, relPaths: Iterable<string>): Promise<Map<string, ScannedFile | null>> {
  const out = new Map<string, ScannedFile | null>();
  let done = 0;
  for (const relPath of new Set(relPaths)) {
    out.set(relPath, statOne(contentDir, relPath));
    if (++done % CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

function statOne(contentDir: string, relPath: string): ScannedFile | null {
  const entry = classifyContentPath(relPath);
  if (!entry) return null;
  try {
    // classifyContentPath only accepts `<known folder>/<name>` (no `..`, no separator in the
    // name), so joining cannot leave the content root; path.relative per file cost as much as
    // the stat.
    const stat = fs.lstatSync(`${contentDir}${path.sep}${relPath}`);
    if (!stat.isFile() && !stat.isSymbolicLink()) return null;
    return { relPath, entry, mtimeMs: stat.mtimeMs, size: stat.size, symlink: stat.isSymbolicLink() };
  } catch {
    return null;
  }
}
