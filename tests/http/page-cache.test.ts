// Rendered pages are reused until the catalogue changes, and never outlive a change.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const version = (titre: string) => fiche({ titre, resume: 'Un résumé.', licence: 'CC-BY-SA-4.0' }, 'Un corps.');

describe('the page cache', () => {
  it('serves the same page until a sync changes the catalogue, then the new one', async () => {
    const dir = contentWithSampleOntology({ 'methode/cercle.md': version('Cercle ancien') });
    await withApp({ contentDir: dir }, async (app) => {
      const first = await app.inject('/fiches/cercle');
      const again = await app.inject('/fiches/cercle');
      expect(again.body).toBe(first.body);
      expect(again.headers['content-security-policy']).toContain("default-src 'self'");
      expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
      const list = (await app.inject('/fiches')).body;
      expect(list).toContain('Cercle ancien');

      fs.writeFileSync(path.join(dir, 'methode/cercle.md'), version('Cercle nouveau'));
      await app.syncQueue.request(['methode/cercle.md']);
      expect((await app.inject('/fiches/cercle')).body).toContain('Cercle nouveau');
      expect((await app.inject('/fiches')).body).toContain('Cercle nouveau');

      fs.rmSync(path.join(dir, 'methode/cercle.md'));
      await app.syncQueue.request(['methode/cercle.md']);
      expect((await app.inject('/fiches/cercle')).statusCode).toBe(404);
    });
  });

  it('keys pages by host, since attribution texts carry the site address', async () => {
    const dir = contentWithSampleOntology({ 'methode/cercle.md': version('Cercle') });
    await withApp({ contentDir: dir }, async (app) => {
      const a = await app.inject({ url: '/fiches/cercle', headers: { host: 'a.example' } });
      const b = await app.inject({ url: '/fiches/cercle', headers: { host: 'b.example' } });
      expect(a.body).toContain('http://a.example/fiches/cercle');
      expect(b.body).toContain('http://b.example/fiches/cercle');
    });
  });
});

describe('the answer cache on the API', () => {
  it('keeps GET /api/fiches answers as JSON until the catalogue changes', async () => {
    const dir = contentWithSampleOntology({ 'methode/cercle.md': version('Cercle ancien') });
    await withApp({ contentDir: dir }, async (app) => {
      const first = await app.inject('/api/fiches?q=cercle');
      const again = await app.inject('/api/fiches?q=cercle');
      expect(again.body).toBe(first.body);
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(again.json().resultats[0].titre).toBe('Cercle ancien');
      fs.writeFileSync(path.join(dir, 'methode/cercle.md'), version('Cercle nouveau'));
      await app.syncQueue.request(['methode/cercle.md']);
      expect((await app.inject('/api/fiches?q=cercle')).json().resultats[0].titre).toBe('Cercle nouveau');
      // Errors are never kept.
      expect((await app.inject('/api/fiches?page=0')).statusCode).toBe(400);
      expect((await app.inject('/api/fiches?page=0')).statusCode).toBe(400);
    });
  });
});
