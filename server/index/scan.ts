// Lists the files the forge owns in the content folder, with the stat that tells whether
// they may have changed since the last sync (size and mtime). Symbolic links are refused.
import fs from 'node:fs/promises';
import path from 'node:path';
import { FICHE_TYPES, ONTOLOGY_FOLDER, classifyContentPath, resolveInside, type ContentEntry } from '../content/paths.js';

export interface ScannedFile {
  relPath: string;
  entry: ContentEntry;
  mtimeMs: number;
  size: number;
  symlink: boolean;
}

const STAT_BATCH = 256;

/** Every owned file under the content root. */
export async function scanContent(contentDir: string): Promise<ScannedFile[]> {
  const relPaths: string[] = [];
  for (const folder of [ONTOLOGY_FOLDER, ...FICHE_TYPES]) {
    let names: string[];
    try {
      names = await fs.readdir(path.join(contentDir, folder));
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
  const list = [...new Set(relPaths)];
  for (let i = 0; i < list.length; i += STAT_BATCH) {
    await Promise.all(
      list.slice(i, i + STAT_BATCH).map(async (relPath) => {
        out.set(relPath, await statOne(contentDir, relPath));
      }),
    );
  }
  return out;
}

async function statOne(contentDir: string, relPath: string): Promise<ScannedFile | null> {
  const entry = classifyContentPath(relPath);
  if (!entry) return null;
  try {
    const stat = await fs.lstat(resolveInside(contentDir, relPath));
    if (!stat.isFile() && !stat.isSymbolicLink()) return null;
    return { relPath, entry, mtimeMs: stat.mtimeMs, size: stat.size, symlink: stat.isSymbolicLink() };
  } catch {
    return null;
  }
}
