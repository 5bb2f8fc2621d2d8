// A sync stores what it read (sources) and then publishes it (fiches) in separate transactions.
// When it stops in between — the server killed, or the publication failing — the next sync must
// still publish what was read: the file's stat is already recorded as seen, so nothing else
// would ever read it again and the old fiche would be served until the file changes. Found by
// scripts/crash-test.ts. The failure is injected with a SQLite trigger on the real index file.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndexDb } from '../../server/db/connect.js';
import { revisionOfText } from '../../server/forge/current-fiche.js';
import { openCatalogue } from '../../server/index/catalogue.js';
import { syncContent } from '../../server/index/sync.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';
import { withApp } from '../helpers/app.js';
import { REPO_ROOT, contentWithSampleOntology, fiche, makeTempDir } from '../helpers/content.js';

const schemaSet = loadSchemaSet(path.join(REPO_ROOT, 'schemas'));
const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const version = (n: number) => fiche({ titre: `Jardin ${n}`, resume: `Version ${n}.`, licence: 'CC-BY-SA-4.0' }, `Corps de la version ${n}.`.repeat(n));

/** Every file dated a minute ago: a sync then reads only the files whose stat changed. */
function ageFiles(dir: string): void {
  const past = new Date(Date.now() - 60_000);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) fs.utimesSync(path.join(entry.parentPath, entry.name), past, past);
  }
}

/** Runs one sync of everything while `statement` (a trigger) makes the publication fail. */
async function syncThatFails(contentDir: string, dataDir: string, trigger: string): Promise<void> {
  const file = path.join(dataDir, 'index.sqlite');
  const admin = new SqliteDatabase(file);
  admin.exec(`CREATE TRIGGER panne ${trigger} BEGIN SELECT RAISE(ABORT, 'panne simulée'); END`);
  admin.close();
  const indexDb = await openIndexDb(file);
  try {
    await expect(syncContent(await openCatalogue(contentDir, indexDb, schemaSet), 'tout')).rejects.toThrow(/panne simulée/);
  } finally {
    await indexDb.close();
  }
  const again = new SqliteDatabase(file);
  again.exec('DROP TRIGGER panne');
  again.close();
}

/** The fiche's page in the API, and whether the list shows it. */
async function served(contentDir: string, dataDir: string, slug: string): Promise<{ status: number; revision?: string; listed: boolean }> {
  return withApp({ contentDir, dataDir }, async (app) => {
    const reply = await app.inject(`/api/fiches/${slug}`);
    const list = (await app.inject('/api/fiches?par_page=100')).json() as { resultats: Array<{ slug: string }> };
    return { status: reply.statusCode, revision: reply.json().revision, listed: list.resultats.some((f) => f.slug === slug) };
  });
}

describe('a sync interrupted between reading and publishing', () => {
  it('a changed fiche is published at its new revision by the next start', async () => {
    const contentDir = contentWithSampleOntology({ 'commun/jardin.md': version(1) });
    const dataDir = makeTempDir('forge-data-');
    temp.push(contentDir, dataDir);
    expect(await served(contentDir, dataDir, 'jardin')).toEqual({ status: 200, revision: revisionOfText(version(1)), listed: true });

    fs.writeFileSync(path.join(contentDir, 'commun', 'jardin.md'), version(2));
    await syncThatFails(contentDir, dataDir, 'BEFORE INSERT ON fiches');
    expect(await served(contentDir, dataDir, 'jardin')).toEqual({ status: 200, revision: revisionOfText(version(2)), listed: true });
  });

  it('after a vocabulary change, fiches not yet re-validated are by the next start', async () => {
    const contentDir = contentWithSampleOntology({ 'commun/jardin.md': fiche({ titre: 'Jardin', resume: 'Un jardin.', licence: 'CC-BY-SA-4.0', contextes: ['jardins-partages'] }) });
    const dataDir = makeTempDir('forge-data-');
    temp.push(contentDir, dataDir);
    ageFiles(contentDir);
    expect((await served(contentDir, dataDir, 'jardin')).status).toBe(404);

    fs.appendFileSync(path.join(contentDir, 'ontologie', 'contextes.yaml'), '  - id: jardins-partages\n    label: Jardins partagés\n');
    ageFiles(contentDir);
    await syncThatFails(contentDir, dataDir, "BEFORE INSERT ON sources WHEN NEW.genre = 'fiche'");
    expect(await served(contentDir, dataDir, 'jardin')).toMatchObject({ status: 200, listed: true });
  });

  it('a deleted fiche is withdrawn by the next start', async () => {
    const contentDir = contentWithSampleOntology({ 'commun/jardin.md': version(1), 'commun/verger.md': version(3) });
    const dataDir = makeTempDir('forge-data-');
    temp.push(contentDir, dataDir);
    expect(await served(contentDir, dataDir, 'jardin')).toMatchObject({ status: 200, listed: true });

    fs.rmSync(path.join(contentDir, 'commun', 'jardin.md'));
    await syncThatFails(contentDir, dataDir, 'BEFORE DELETE ON fiches');
    expect(await served(contentDir, dataDir, 'jardin')).toMatchObject({ status: 404, listed: false });
    expect(await served(contentDir, dataDir, 'verger')).toMatchObject({ status: 200, listed: true });
  });
});
