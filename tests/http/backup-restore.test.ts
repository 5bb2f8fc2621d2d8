// `npm run backup` / `npm run restore` (server/backup/): a backup taken while the server runs,
// restored into fresh folders, gives back the same accounts, tokens, propositions, commits and
// served fiches; a restore refuses to overwrite without --force, refuses while the server runs,
// and refuses a backup that changed since it was written.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { authenticate } from '../../server/accounts/accounts.js';
import { BackupError } from '../../server/backup/backup-error.js';
import { backupForge } from '../../server/backup/backup-forge.js';
import { isIntact } from '../../server/backup/forge-db-file.js';
import { restoreForge } from '../../server/backup/restore-forge.js';
import { withApp } from '../helpers/app.js';
import { TEST_SCRYPT_COST, addAccount } from '../helpers/accounts.js';
import { contentWithSampleOntology, fiche, makeTempDir } from '../helpers/content.js';
import { git, humanRepository } from '../helpers/git.js';

const tmp = makeTempDir('forge-sauvegarde-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let counter = 0;
const fresh = (name: string) => path.join(tmp, `${name}-${++counter}`);

const base = { titre: 'Cercle de dialogue', resume: 'Un format d’échange en cercle.', licence: 'CC-BY-SA-4.0' };
const json = (auth: Record<string, string>, extra: Record<string, string> = {}) => ({ ...auth, 'content-type': 'application/json', ...extra });

async function create(app: FastifyInstance, auth: Record<string, string>, slug: string, titre: string) {
  const reply = await app.inject({ method: 'POST', url: '/api/fiches', headers: json(auth), payload: { type: 'methode', slug, message: `Création de ${slug}`, corps: 'Un corps.', ...base, titre } });
  return { status: reply.statusCode, body: reply.json() };
}

/** What a reader sees: every listed fiche with the revision its page announces. */
async function servedFiches(app: FastifyInstance): Promise<Record<string, string>> {
  const list = (await app.inject('/api/fiches?par_page=100')).json() as { resultats: Array<{ slug: string }> };
  const served: Record<string, string> = {};
  for (const { slug } of list.resultats) served[slug] = (await app.inject(`/api/fiches/${slug}`)).json().revision;
  return served;
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe('backup and restore', () => {
  it('a backup taken while the server runs, restored into fresh folders, gives back accounts, tokens, propositions, commits and fiches', async () => {
    const contentDir = contentWithSampleOntology({ 'outil/existant.md': fiche({ ...base, titre: 'Existant' }) });
    const dataDir = fresh('donnees');
    const backupDir = fresh('sauvegarde');
    const before = await withApp({ contentDir, dataDir }, async (app) => {
      const editor = await addAccount(app, 'editeur', { nom: 'Édith Éditrice' });
      const contributor = await addAccount(app, 'contributeur');
      expect((await create(app, editor.auth, 'cercle-de-dialogue', 'Cercle de dialogue')).status).toBe(201);
      const revision = (await app.inject('/api/fiches/cercle-de-dialogue')).json().revision;
      const changed = await app.inject({ method: 'PUT', url: '/api/fiches/cercle-de-dialogue', headers: json(editor.auth, { 'if-match': `"${revision}"` }), payload: { ...base, message: 'Revu', corps: 'Revu.' } });
      expect(changed.statusCode).toBe(200);
      const proposed = await create(app, contributor.auth, 'forum-ouvert', 'Forum ouvert');
      expect(proposed.status).toBe(202);
      const id = proposed.body.proposition as number;
      const comment = await app.inject({ method: 'POST', url: `/api/propositions/${id}/commentaires`, headers: json(editor.auth), payload: { texte: 'À relire.' } });
      expect(comment.statusCode).toBeLessThan(300);

      const { manifest } = await backupForge({ contentDir, dataDir, outDir: backupDir });
      expect(manifest.contenu).toMatchObject({ commit: git(contentDir, 'rev-parse', 'HEAD').trim(), branche: 'main', fiches: 2 });
      expect(manifest.base.version_schema).toBeGreaterThan(0);
      return { editor, contributor, id, log: git(contentDir, 'log', '--format=%H %an %s'), served: await servedFiches(app) };
    });
    expect(fs.readdirSync(backupDir).sort()).toEqual(['contenu.bundle', 'forge.sqlite', 'manifeste.json']);

    fs.rmSync(contentDir, { recursive: true });
    fs.rmSync(dataDir, { recursive: true });
    const [newContent, newData] = [fresh('contenu'), fresh('donnees')];
    await restoreForge({ backupDir, contentDir: newContent, dataDir: newData });
    expect(fs.existsSync(path.join(newData, 'index.sqlite'))).toBe(false);
    expect(git(newContent, 'log', '--format=%H %an %s')).toBe(before.log);
    expect(git(newContent, 'status', '--porcelain')).toBe('');
    expect(git(newContent, 'remote')).toBe('');

    await withApp({ contentDir: newContent, dataDir: newData }, async (app) => {
      const account = await authenticate(app.forge.forgeDb, before.editor.account.email, 'un mot de passe solide', { cost: TEST_SCRYPT_COST });
      expect(account?.id).toBe(before.editor.account.id);
      expect(await authenticate(app.forge.forgeDb, before.editor.account.email, 'un autre mot de passe', { cost: TEST_SCRYPT_COST })).toBeNull();
      const mine = await app.inject({ url: '/api/propositions', headers: before.contributor.auth });
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toEqual([expect.objectContaining({ id: before.id, slug: 'forum-ouvert', statut: 'en_attente' })]);
      const detail = (await app.inject({ url: `/api/propositions/${before.id}`, headers: before.editor.auth })).json();
      expect(detail.commentaires).toEqual([expect.objectContaining({ texte: 'À relire.' })]);
      expect(await servedFiches(app)).toEqual(before.served);
      expect(Object.keys(before.served).sort()).toEqual(['cercle-de-dialogue', 'existant']);
    });
  });

  it('refuses to overwrite without --force and while the server runs; --force goes back to the backup', async () => {
    const contentDir = contentWithSampleOntology();
    const dataDir = fresh('donnees');
    const backupDir = fresh('sauvegarde');
    const editor = await withApp({ contentDir, dataDir }, async (app) => {
      const editor = await addAccount(app, 'editeur');
      expect((await create(app, editor.auth, 'avant', 'Avant la sauvegarde')).status).toBe(201);
      await backupForge({ contentDir, dataDir, outDir: backupDir });
      expect((await create(app, editor.auth, 'apres', 'Après la sauvegarde')).status).toBe(201);
      const running = await refusal(restoreForge({ backupDir, contentDir, dataDir, force: true }));
      expect(running.code).toBe('base_en_service');
      expect(running.message).toMatch(/arrêtez-le avant de restaurer/);
      return editor;
    });
    expect(fs.existsSync(path.join(contentDir, 'methode', 'apres.md'))).toBe(true);

    const noForce = await refusal(restoreForge({ backupDir, contentDir, dataDir }));
    expect(noForce.code).toBe('base_existante');
    expect(noForce.message).toMatch(/ajoutez --force/);
    const contentNotEmpty = await refusal(restoreForge({ backupDir, contentDir, dataDir: fresh('donnees') }));
    expect(contentNotEmpty.code).toBe('contenu_non_vide');
    expect(fs.existsSync(path.join(contentDir, 'methode', 'apres.md'))).toBe(true);

    fs.writeFileSync(path.join(contentDir, 'notes.txt'), 'non suivi\n');
    const { manifest, untracked } = await restoreForge({ backupDir, contentDir, dataDir, force: true });
    expect(untracked).toEqual(['notes.txt']);
    expect(git(contentDir, 'rev-parse', 'HEAD').trim()).toBe(manifest.contenu.commit);
    expect(fs.existsSync(path.join(contentDir, 'methode', 'apres.md'))).toBe(false);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('index.sqlite') || name.startsWith('forge.sqlite-'))).toEqual([]);
    await withApp({ contentDir, dataDir }, async (app) => {
      expect((await app.inject('/api/fiches/avant')).statusCode).toBe(200);
      expect((await app.inject('/api/fiches/apres')).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/propositions', headers: editor.auth })).statusCode).toBe(200);
    });

    // The usual reason to restore: a database that is no longer one.
    fs.writeFileSync(path.join(dataDir, 'forge.sqlite'), 'plus une base SQLite');
    await restoreForge({ backupDir, contentDir, dataDir, force: true });
    expect(isIntact(path.join(dataDir, 'forge.sqlite'))).toBe(true);
  });

  it('refuses a backup that changed since it was written, an unfinished one, and what it cannot back up', async () => {
    const contentDir = contentWithSampleOntology({ 'outil/existant.md': fiche({ ...base, titre: 'Existant' }) });
    const dataDir = fresh('donnees');
    const backupDir = fresh('sauvegarde');
    await withApp({ contentDir, dataDir }, async (app) => void (await addAccount(app, 'admin')));
    await backupForge({ contentDir, dataDir, outDir: backupDir });
    expect((await refusal(backupForge({ contentDir, dataDir, outDir: backupDir }))).code).toBe('sortie_non_vide');

    const bundle = path.join(backupDir, 'contenu.bundle');
    const bytes = fs.readFileSync(bundle);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 30) ^ 0xff, bytes.length - 30);
    fs.writeFileSync(bundle, bytes);
    const [target, targetData] = [fresh('contenu'), fresh('donnees')];
    const corrupted = await refusal(restoreForge({ backupDir, contentDir: target, dataDir: targetData }));
    expect(corrupted.code).toBe('sauvegarde_corrompue');
    expect(corrupted.message).toMatch(/^La sauvegarde est corrompue.*contenu\.bundle/);
    expect(fs.existsSync(target) || fs.existsSync(targetData)).toBe(false);

    fs.rmSync(path.join(backupDir, 'manifeste.json'));
    expect((await refusal(restoreForge({ backupDir, contentDir: target, dataDir: targetData }))).code).toBe('sauvegarde_introuvable');

    const outer = fresh('projet');
    fs.cpSync(contentDir, path.join(outer, 'contenu'), { recursive: true, filter: (source) => !source.includes(`${path.sep}.git`) });
    humanRepository(outer);
    expect((await refusal(backupForge({ contentDir: path.join(outer, 'contenu'), dataDir, outDir: fresh('sauvegarde') }))).code).toBe('depot_englobant');
  });
});
