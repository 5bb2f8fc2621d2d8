// Atomic writes into the content folder (server/content/write-atomic.ts): the target is
// replaced whole or not at all, never through a symlink or outside the root, and temp files a
// crash left behind are swept at start.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UnsafeWriteError, sweepTempFiles, writeFileAtomic } from '../../server/content/write-atomic.js';
import { makeTempDir, writeFiles } from '../helpers/content.js';

const tmp = makeTempDir('forge-atomic-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** A new content root (and a sibling folder outside it) for one test. */
function freshRoot(): { root: string; outside: string } {
  counter++;
  const root = path.join(tmp, `contenu-${counter}`);
  const outside = path.join(tmp, `dehors-${counter}`);
  fs.mkdirSync(path.join(root, 'commun'), { recursive: true });
  fs.mkdirSync(outside);
  return { root, outside };
}

const tempFilesIn = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.tmp-forge'));

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving no temp file', async () => {
    const { root } = freshRoot();
    const target = path.join(root, 'commun', 'jardin.md');
    await writeFileAtomic(target, 'première version\n', { root });
    expect(fs.readFileSync(target, 'utf8')).toBe('première version\n');
    await writeFileAtomic(target, Buffer.from('deuxième version\n'), { root });
    expect(fs.readFileSync(target, 'utf8')).toBe('deuxième version\n');
    expect(tempFilesIn(path.join(root, 'commun'))).toEqual([]);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const { root } = freshRoot();
    const target = path.join(root, 'commun', 'prive.md');
    fs.writeFileSync(target, 'a');
    fs.chmodSync(target, 0o600);
    await writeFileAtomic(target, 'b', { root });
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  it('creates a missing type folder under the root', async () => {
    const { root } = freshRoot();
    await writeFileAtomic(path.join(root, 'outil', 'tableur.md'), 'x', { root });
    expect(fs.readFileSync(path.join(root, 'outil', 'tableur.md'), 'utf8')).toBe('x');
  });

  it('refuses paths that leave the root, by name or through a sibling with the same prefix', async () => {
    const { root, outside } = freshRoot();
    for (const target of [
      path.join(root, '..', 'evade.md'),
      root,
      `${root}-voisin/x.md`,
      path.join(outside, 'x.md'),
      path.join(root, 'commun', 'a\0.md'),
    ]) {
      await expect(writeFileAtomic(target, 'x', { root }), target).rejects.toBeInstanceOf(UnsafeWriteError);
    }
    expect(fs.existsSync(path.join(tmp, 'evade.md'))).toBe(false);
    expect(fs.existsSync(`${root}-voisin`)).toBe(false);
  });

  it('refuses a target that is a symbolic link, and leaves what it points to untouched', async () => {
    const { root, outside } = freshRoot();
    const victim = path.join(outside, 'secret.txt');
    fs.writeFileSync(victim, 'intact');
    fs.symlinkSync(victim, path.join(root, 'commun', 'lien.md'));
    await expect(writeFileAtomic(path.join(root, 'commun', 'lien.md'), 'piégé', { root })).rejects.toBeInstanceOf(UnsafeWriteError);
    expect(fs.readFileSync(victim, 'utf8')).toBe('intact');
    expect(fs.lstatSync(path.join(root, 'commun', 'lien.md')).isSymbolicLink()).toBe(true);
  });

  it('refuses a folder of the path that is a symbolic link leading outside, creating nothing there', async () => {
    const { root, outside } = freshRoot();
    fs.symlinkSync(outside, path.join(root, 'methode'));
    await expect(writeFileAtomic(path.join(root, 'methode', 'x.md'), 'x', { root })).rejects.toBeInstanceOf(UnsafeWriteError);
    await expect(writeFileAtomic(path.join(root, 'methode', 'sous', 'x.md'), 'x', { root })).rejects.toBeInstanceOf(UnsafeWriteError);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('removes its temp file when the write fails', async () => {
    const { root } = freshRoot();
    const target = path.join(root, 'commun', 'rate.md');
    await expect(writeFileAtomic(target, 42 as unknown as string, { root })).rejects.toThrow();
    expect(fs.existsSync(target)).toBe(false);
    expect(tempFilesIn(path.join(root, 'commun'))).toEqual([]);
  });
});

describe('sweepTempFiles', () => {
  it('removes the temp files of the root, the ontology and the type folders, and nothing else', async () => {
    const { root } = freshRoot();
    writeFiles(root, {
      '.racine.abc.tmp-forge': '',
      'ontologie/.themes.yaml.1.tmp-forge': '',
      'commun/.jardin.md.2.tmp-forge': 'à moitié',
      'retour-experience/.recit.md.3.tmp-forge': '',
      'commun/jardin.md': 'gardé',
      'ontologie/themes.yaml': 'gardé',
      'autre/.ailleurs.tmp-forge': 'pas un dossier de la forge',
    });
    const removed = await sweepTempFiles(root);
    expect(removed.sort()).toEqual(
      ['.racine.abc.tmp-forge', 'commun/.jardin.md.2.tmp-forge', 'ontologie/.themes.yaml.1.tmp-forge', 'retour-experience/.recit.md.3.tmp-forge'].sort(),
    );
    for (const rel of removed) expect(fs.existsSync(path.join(root, rel))).toBe(false);
    expect(fs.existsSync(path.join(root, 'commun/jardin.md'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'ontologie/themes.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'autre/.ailleurs.tmp-forge'))).toBe(true);
    expect(await sweepTempFiles(root)).toEqual([]);
  });

  it('accepts a content folder where some type folders do not exist', async () => {
    const empty = path.join(tmp, 'vide');
    fs.mkdirSync(empty);
    expect(await sweepTempFiles(empty)).toEqual([]);
  });
});
