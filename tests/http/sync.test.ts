// Incremental loading of the content folder into the index (server/index/sync.ts): unchanged
// files are not read again, a change on disk shows in the API within a second while the server
// runs, the ontology is live, DATA_DIR is a disposable cache, and a bad file never takes the
// others down with it.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndexDb } from '../../server/db/connect.js';
import { openCatalogue } from '../../server/index/catalogue.js';
import { listProblems } from '../../server/index/problems.js';
import { scanContent, type ScannedFile } from '../../server/index/scan.js';
import { scanInWorker } from '../../server/index/scan-in-worker.js';
import { syncContent, type SyncReport } from '../../server/index/sync.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';
import { withApp } from '../helpers/app.js';
import { REPO_ROOT, contentWithSampleOntology, fiche, makeTempDir } from '../helpers/content.js';

const SCHEMAS = path.join(REPO_ROOT, 'schemas');
const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  temp.push(dir);
  return dir;
}

function content(files: Record<string, string>): string {
  const dir = contentWithSampleOntology(files);
  temp.push(dir);
  return dir;
}

const valid = (titre: string, extra: Record<string, unknown> = {}) => fiche({ titre, resume: `Résumé de ${titre}.`, licence: 'CC-BY-SA-4.0', ...extra });

/** Every file of the folder dated a minute ago: far from any "modified during the sync" window. */
function ageFiles(dir: string, seconds = 60): void {
  const past = new Date(Date.now() - seconds * 1000);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) fs.utimesSync(path.join(entry.parentPath, entry.name), past, past);
  }
}

/** One sync of `contentDir` into the SQLite file of `dataDir`, as the server does at start. */
async function syncOnce(contentDir: string, dataDir: string, earlyScanMinFiles?: number): Promise<{ report: SyncReport; served: string[] }> {
  const index = await openIndexDb(path.join(dataDir, 'index.sqlite'));
  try {
    const catalogue = await openCatalogue(contentDir, index, loadSchemaSet(SCHEMAS), { earlyScanMinFiles });
    const report = await syncContent(catalogue, 'tout');
    const served = [...catalogue.facets.byTitle()].map((id) => catalogue.facets.summary(id)!.slug);
    return { report, served };
  } finally {
    await index.close();
  }
}

async function slugsOf(app: FastifyInstance): Promise<string[]> {
  const res = await app.inject('/api/fiches?par_page=100');
  expect(res.statusCode).toBe(200);
  return (res.json().resultats as Array<{ slug: string }>).map((r) => r.slug).sort();
}

/** Polls until `check` holds; returns the time it took (ms). Fails after `timeoutMs`. */
async function waitFor(check: () => Promise<boolean>, timeoutMs = 1000): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > timeoutMs) throw new Error(`not reflected within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const status = async (app: FastifyInstance, slug: string) => (await app.inject(`/api/fiches/${slug}`)).statusCode;

describe('incremental loading', () => {
  it('a second start on the same DATA_DIR reads no file; a change reads exactly that file', async () => {
    const dir = content({
      'commun/premier.md': valid('Premier'),
      'outil/deuxieme.md': valid('Deuxième'),
      'methode/troisieme.md': valid('Troisième'),
    });
    const dataDir = tempDir('forge-sync-data-');
    ageFiles(dir);
    const vocabularies = fs.readdirSync(path.join(dir, 'ontologie')).length;

    const first = await syncOnce(dir, dataDir);
    expect(first.report).toMatchObject({ lus: vocabularies + 3, analyses: vocabularies + 3, publiees: 3, ontologieModifiee: true });

    const second = await syncOnce(dir, dataDir);
    expect(second.report).toMatchObject({ lus: 0, analyses: 0, supprimes: 0, publiees: 0, retirees: 0, ontologieModifiee: false });
    expect(second.served.sort()).toEqual(['deuxieme', 'premier', 'troisieme']);

    // One fiche changes: only it is read, parsed and published again.
    const setTime = (rel: string, secondsAgo: number) => {
      const time = new Date(Date.now() - secondsAgo * 1000);
      fs.utimesSync(path.join(dir, rel), time, time);
    };
    fs.writeFileSync(path.join(dir, 'outil/deuxieme.md'), valid('Deuxième, revue'));
    setTime('outil/deuxieme.md', 30);
    const third = await syncOnce(dir, dataDir);
    expect(third.report).toMatchObject({ lus: 1, analyses: 1, publiees: 1, retirees: 0, ontologieModifiee: false });

    // Same bytes, new mtime (a `touch`, a checkout): read once, not parsed again.
    setTime('commun/premier.md', 20);
    const fourth = await syncOnce(dir, dataDir);
    expect(fourth.report).toMatchObject({ lus: 1, analyses: 0, publiees: 0 });
    expect((await syncOnce(dir, dataDir)).report.lus).toBe(0);

    // A deleted fiche: nothing to read, one withdrawal.
    fs.rmSync(path.join(dir, 'methode/troisieme.md'));
    const fifth = await syncOnce(dir, dataDir);
    expect(fifth.report).toMatchObject({ lus: 0, supprimes: 1, retirees: 1 });
    expect(fifth.served.sort()).toEqual(['deuxieme', 'premier']);
  });

  it('a start that scans on the other core (large folders) sees the same changes as one that does not', async () => {
    const changedWhileStopped = async (earlyScanMinFiles: number) => {
      const dir = content({ 'commun/premier.md': valid('Premier'), 'outil/deuxieme.md': valid('Deuxième'), 'methode/trois.md': valid('Trois') });
      const dataDir = tempDir('forge-sync-early-');
      ageFiles(dir);
      await syncOnce(dir, dataDir, earlyScanMinFiles);
      const unchanged = await syncOnce(dir, dataDir, earlyScanMinFiles);
      fs.writeFileSync(path.join(dir, 'outil/deuxieme.md'), valid('Deuxième, revue et augmentée'));
      fs.rmSync(path.join(dir, 'methode/trois.md'));
      fs.writeFileSync(path.join(dir, 'commun/quatre.md'), valid('Quatre'));
      fs.symlinkSync(path.join(dir, 'commun/premier.md'), path.join(dir, 'commun/lien.md'));
      const after = await syncOnce(dir, dataDir, earlyScanMinFiles);
      return { unchanged: unchanged.report.lus, after: { ...after.report, dureeMs: 0 }, served: after.served.sort() };
    };
    const early = await changedWhileStopped(1);
    expect(early.unchanged).toBe(0);
    expect(early.served).toEqual(['deuxieme', 'premier', 'quatre']);
    expect(early.after).toMatchObject({ supprimes: 1, retirees: 1 });
    expect(early).toEqual(await changedWhileStopped(Infinity));
  });

  it('the scan in a worker thread finds exactly what the scan on the main thread finds', async () => {
    const dir = content({ 'commun/premier.md': valid('Premier'), 'outil/Mal-Nommee.md': valid('Mal nommée'), 'commun/notes.txt': 'pas une fiche' });
    fs.mkdirSync(path.join(dir, 'methode/sous-dossier'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'commun/premier.md'), path.join(dir, 'commun/lien.md'));
    const inWorker = await scanInWorker(dir);
    expect(inWorker).not.toBeNull();
    const byPath = (files: ScannedFile[]) => [...files].sort((a, b) => a.relPath.localeCompare(b.relPath));
    expect(byPath(inWorker!.files)).toEqual(byPath(await scanContent(dir)));
    expect(inWorker!.files.map((f) => f.relPath)).toContain('commun/lien.md');
  });

  it('the server restarted on its DATA_DIR serves from the index without re-analysing', async () => {
    const dir = content({ 'commun/premier.md': valid('Premier'), 'outil/deuxieme.md': valid('Deuxième') });
    const dataDir = tempDir('forge-sync-app-');
    ageFiles(dir);
    await withApp({ contentDir: dir, dataDir }, async (app) => {
      expect(await slugsOf(app)).toEqual(['deuxieme', 'premier']);
    });
    await withApp({ contentDir: dir, dataDir }, async (app) => {
      // Nothing was parsed or published by this start: the catalogue is the one stored.
      expect(app.catalogue.generation).toBe(0);
      expect(await slugsOf(app)).toEqual(['deuxieme', 'premier']);
      expect((await app.inject('/api/fiches/deuxieme')).json().titre).toBe('Deuxième');
      expect((await syncContent(app.catalogue, 'tout')).lus).toBe(0);
    });
  });

  it('deleting DATA_DIR rebuilds everything', async () => {
    const dir = content({
      'commun/premier.md': valid('Premier', { contextes: ['collectivites'] }),
      'outil/deuxieme.md': valid('Deuxième'),
      'methode/casse.md': '---\ntitre: ab\nresume: r\nlicence: CC0-1.0\n---\n',
    });
    const dataDir = path.join(tempDir('forge-sync-rm-'), 'data');
    const snapshot = async (app: FastifyInstance) => ({
      list: (await app.inject('/api/fiches?par_page=100')).json(),
      fiche: (await app.inject('/api/fiches/premier')).json(),
      problems: await listProblems(app.catalogue),
    });
    const before = await withApp({ contentDir: dir, dataDir }, snapshot);
    expect(before.list.total).toBe(2);
    expect(before.problems).toHaveLength(1);

    fs.rmSync(dataDir, { recursive: true, force: true });
    const after = await withApp({ contentDir: dir, dataDir }, snapshot);
    expect(fs.existsSync(path.join(dataDir, 'index.sqlite'))).toBe(true);
    expect(after).toEqual(before);
  });
});

describe('changes on disk while the server runs (watch: true)', () => {
  it('a fiche added, changed or deleted shows in GET /api/fiches within 1 s', async () => {
    const dir = content({ 'commun/stable.md': valid('Stable') });
    await withApp({ contentDir: dir, watch: true }, async (app) => {
      expect(await slugsOf(app)).toEqual(['stable']);

      // Into a type folder that did not exist when the server started.
      fs.mkdirSync(path.join(dir, 'methode'));
      fs.writeFileSync(path.join(dir, 'methode/nouvelle.md'), valid('Nouvelle fiche'));
      await waitFor(async () => (await slugsOf(app)).includes('nouvelle'));
      expect((await app.inject('/api/fiches/nouvelle')).json().titre).toBe('Nouvelle fiche');

      fs.writeFileSync(path.join(dir, 'methode/nouvelle.md'), valid('Fiche modifiée'));
      await waitFor(async () => (await app.inject('/api/fiches/nouvelle')).json().titre === 'Fiche modifiée');
      const listed = (await app.inject('/api/fiches?q=modifiée')).json();
      expect(listed.resultats.map((r: { slug: string }) => r.slug)).toEqual(['nouvelle']);

      fs.rmSync(path.join(dir, 'methode/nouvelle.md'));
      await waitFor(async () => !(await slugsOf(app)).includes('nouvelle'));
      expect(await status(app, 'nouvelle')).toBe(404);
      expect(await slugsOf(app)).toEqual(['stable']);
    });
  });

  it('a change made right after start, before the watcher is ready, is not lost', async () => {
    const dir = content({ 'commun/stable.md': valid('Stable') });
    await withApp({ contentDir: dir, watch: true }, async (app) => {
      fs.writeFileSync(path.join(dir, 'commun/tout-de-suite.md'), valid('Tout de suite'));
      await waitFor(async () => (await slugsOf(app)).includes('tout-de-suite'), 1500);
    });
  });

  it('a new concept in a vocabulary file makes an invalid fiche valid, without restart', async () => {
    const dir = content({
      'commun/en-attente.md': valid('En attente', { contextes: ['friches-urbaines'] }),
      'commun/stable.md': valid('Stable'),
    });
    await withApp({ contentDir: dir, watch: true }, async (app) => {
      expect(await status(app, 'en-attente')).toBe(404);
      expect((await listProblems(app.catalogue)).map((p) => p.path)).toEqual(['commun/en-attente.md']);

      fs.appendFileSync(path.join(dir, 'ontologie/contextes.yaml'), '  - id: friches-urbaines\n    label: Friches urbaines\n');
      await waitFor(async () => (await status(app, 'en-attente')) === 200);
      expect(await listProblems(app.catalogue)).toEqual([]);
      const list = (await app.inject('/api/fiches?contextes=friches-urbaines')).json();
      expect(list.resultats.map((r: { slug: string }) => r.slug)).toEqual(['en-attente']);
      expect((await app.inject('/api/ontologie/contextes')).json().concepts.map((c: { id: string }) => c.id)).toContain('friches-urbaines');
    });
  });
});

describe('a bad file never prevents the others from being served', () => {
  const good = { 'commun/bon-commun.md': valid('Bon commun'), 'outil/bon-outil.md': valid('Bon outil'), 'methode/bonne-methode.md': valid('Bonne méthode') };
  const deep = `---\nx:\n  ${'- '.repeat(10_000)}v\n---\n`;
  const bad: Record<string, string> = {
    'commun/binaire.md': '\u0000\u0001\u0002\u00ff'.repeat(100),
    'commun/vide.md': '',
    'commun/js.md': `---js\n({ titre: require('fs').writeFileSync('/tmp/forge-pwned', 'x') })\n---\n`,
    'outil/profond.md': deep,
    'outil/profond-bis.md': deep,
    'outil/bombe.md': `---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n`,
    'methode/non-ferme.md': '---\ntitre: Pas fermé\n',
    'methode/sans-front-matter.md': 'Juste du texte.\n',
    'retour-experience/Nom Invalide.md': valid('Nom invalide'),
    'ontologie/casse.yaml': 'id: casse\nlabel: [non fermé\n',
    'ontologie/autre-nom.yaml': 'id: pas-le-nom\nlabel: X\nhierarchique: false\nconcepts: []\n',
  };

  it('at start: every bad file is reported, every good fiche is served', async () => {
    const dir = content({ ...good, ...bad });
    fs.writeFileSync(path.join(dir, 'outil/enorme.md'), `---\ntitre: Énorme\nresume: r\nlicence: CC0-1.0\n---\n${'x'.repeat(2 * 1024 * 1024)}\n`);
    fs.writeFileSync(path.join(dir, 'methode/invalide-utf8.md'), Buffer.concat([Buffer.from('---\ntitre: '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\nresume: r\nlicence: CC0-1.0\n---\n')]));
    fs.mkdirSync(path.join(dir, 'commun/dossier.md'));
    fs.symlinkSync(path.join(dir, 'commun/bon-commun.md'), path.join(dir, 'outil/lien-symbolique.md'));
    fs.symlinkSync('/nulle/part', path.join(dir, 'outil/lien-casse.md'));
    fs.rmSync('/tmp/forge-pwned', { force: true });

    await withApp({ contentDir: dir }, async (app) => {
      expect(await slugsOf(app)).toEqual(['bon-commun', 'bon-outil', 'bonne-methode']);
      const reported = new Set((await listProblems(app.catalogue)).filter((p) => p.severity === 'erreur').map((p) => p.path));
      for (const file of [...Object.keys(bad), 'outil/enorme.md', 'outil/lien-symbolique.md', 'methode/invalide-utf8.md']) expect(reported, file).toContain(file);
      const problems = await listProblems(app.catalogue);
      expect(problems.find((p) => p.path === 'methode/invalide-utf8.md')?.message).toMatch(/pas encodé en UTF-8 \(ligne 2\)/);
      expect(fs.existsSync('/tmp/forge-pwned')).toBe(false);
      expect((await app.inject('/api/ontologie')).json().vocabulaires.map((v: { id: string }) => v.id)).not.toContain('casse');
    });
  });

  it('while running: a file turning bad withdraws only that fiche', async () => {
    const dir = content(good);
    await withApp({ contentDir: dir, watch: true }, async (app) => {
      expect(await slugsOf(app)).toEqual(['bon-commun', 'bon-outil', 'bonne-methode']);
      fs.writeFileSync(path.join(dir, 'outil/bon-outil.md'), deep);
      fs.writeFileSync(path.join(dir, 'outil/bombe.md'), bad['outil/bombe.md']!);
      fs.writeFileSync(path.join(dir, 'ontologie/casse.yaml'), bad['ontologie/casse.yaml']!);
      await waitFor(async () => !(await slugsOf(app)).includes('bon-outil'));
      await app.syncQueue.idle();
      expect(await slugsOf(app)).toEqual(['bon-commun', 'bonne-methode']);
      const paths = (await listProblems(app.catalogue)).map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['outil/bon-outil.md', 'outil/bombe.md', 'ontologie/casse.yaml']));

      fs.writeFileSync(path.join(dir, 'outil/bon-outil.md'), valid('Bon outil réparé'));
      await waitFor(async () => (await status(app, 'bon-outil')) === 200);
      expect(await slugsOf(app)).toEqual(['bon-commun', 'bon-outil', 'bonne-methode']);
    });
  });
});
