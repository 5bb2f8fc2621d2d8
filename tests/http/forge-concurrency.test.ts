// No lost update: saves of one fiche are compare-and-swap under a per-fiche lock, so of 100
// concurrent saves made from the same base revision exactly one lands.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const base = { titre: 'Disputée', resume: 'Une fiche que tout le monde modifie.', licence: 'CC-BY-SA-4.0' };

describe('concurrent saves', () => {
  it('100 saves from the same base: one 200, 99 conflicts, one new commit', async () => {
    const dir = contentWithSampleOntology({ 'commun/disputee.md': fiche(base) });
    await withApp({ contentDir: dir, config: { writesPerMinute: 1000 } }, async (app) => {
      const editor = await addAccount(app, 'editeur');
      const revision = (await app.inject('/api/fiches/disputee')).json().revision;
      const commitsBefore = execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          app.inject({
            method: 'PUT',
            url: '/api/fiches/disputee',
            headers: { ...editor.auth, 'content-type': 'application/json', 'if-match': `"${revision}"` },
            payload: { ...base, corps: `Version numéro ${i}.`, message: `Essai ${i}` },
          }),
        ),
      );
      const statuses = answers.map((a) => a.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(99);
      const winner = answers.find((a) => a.statusCode === 200)!.json().revision;
      for (const loser of answers.filter((a) => a.statusCode === 409)) expect(loser.json()).toMatchObject({ code: 'conflit', revision: winner });

      const history = (await app.inject('/api/fiches/disputee/historique')).json();
      expect(history).toHaveLength(2);
      expect(history[0].revision).toBe(winner);
      const commitsAfter = execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
      expect(Number(commitsAfter)).toBe(Number(commitsBefore) + 1);
      expect((await app.inject('/api/fiches/disputee')).json().revision).toBe(winner);
    });
  });
});
