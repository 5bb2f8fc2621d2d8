// Real content folders in temp dirs: the sample content, or files written by a test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SAMPLE_CONTENT = path.join(REPO_ROOT, 'content');

export function makeTempDir(prefix = 'forge-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A new folder under `parent` holding these files (several repositories in one temp dir). */
export function folderWith(parent: string, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(parent, 'depot-'));
  writeFiles(dir, files);
  return dir;
}

/** Writes files (relative path → text) under a directory, creating folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const target = path.join(root, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}

/** A copy of the sample ontology (vocabularies only) in a new temp content folder. */
export function contentWithSampleOntology(files: Record<string, string> = {}): string {
  const root = makeTempDir('forge-content-');
  fs.cpSync(path.join(SAMPLE_CONTENT, 'ontologie'), path.join(root, 'ontologie'), { recursive: true });
  writeFiles(root, files);
  return root;
}

/** A copy of the whole sample content. */
export function copyOfSampleContent(): string {
  const root = makeTempDir('forge-content-');
  fs.cpSync(SAMPLE_CONTENT, root, { recursive: true });
  return root;
}

/** Front matter + body of a fiche, from an object (YAML written by hand, keys in order). */
export function fiche(frontMatter: Record<string, unknown>, body = 'Un corps de fiche.'): string {
  const yaml = Object.entries(frontMatter)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('\n');
  return `---\n${yaml}\n---\n${body}\n`;
}
