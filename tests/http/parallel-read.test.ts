// A sync of more than a thousand files parses on two threads (index/read-pool.ts): what it
// serves must be exactly what the one-thread path serves.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBenchCorpus } from '../../scripts/corpus/bench-corpus.js';
import { withApp } from '../helpers/app.js';
import { makeTempDir, SAMPLE_CONTENT, writeFiles } from '../helpers/content.js';

const ontologyDir = path.join(SAMPLE_CONTENT, 'ontologie');

async function snapshot(contentDir: string, dataDir?: string) {
  return withApp({ contentDir, ...(dataDir ? { dataDir } : {}) }, async (app) => {
    const list = (await app.inject('/api/fiches?par_page=100&tri=titre')).json();
    const search = (await app.inject('/api/fiches?q=jardin&par_page=5')).json();
    const first = list.resultats[0].slug as string;
    const fiche = (await app.inject(`/api/fiches/${first}`)).json();
    const problems = (await import('../../server/index/problems.js')).listProblems(app.catalogue);
    return { total: list.total, slugs: list.resultats.map((r: { slug: string }) => r.slug), facettes: list.facettes, search, fiche, problems: await problems };
  });
}

describe('parallel reading', () => {
  it('serves the same fiches, facets, search and problems as reading in one thread', async () => {
    const big = makeTempDir();
    writeBenchCorpus(big, { count: 1100, seed: 7, ontologyDir });
    writeFiles(big, { 'methode/casse.md': '---\ntitre: [\n---\n' });
    const files = fs.readdirSync(big, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(1100);
    const whole = await snapshot(big);
    expect(whole.total).toBeGreaterThan(1000);
    expect(whole.problems.map((p) => p.path)).toContain('methode/casse.md');

    // One thread: the same files, synced in two steps below the threshold.
    const single = makeTempDir();
    fs.cpSync(path.join(big, 'ontologie'), path.join(single, 'ontologie'), { recursive: true });
    const dataDir = makeTempDir();
    const fiches = files.filter((e) => !e.parentPath.endsWith('ontologie'));
    const half = Math.ceil(fiches.length / 2);
    for (const [i, e] of fiches.entries()) {
      if (i >= half) break;
      const rel = path.relative(big, path.join(e.parentPath, e.name));
      fs.mkdirSync(path.dirname(path.join(single, rel)), { recursive: true });
      fs.copyFileSync(path.join(big, rel), path.join(single, rel));
    }
    await withApp({ contentDir: single, dataDir }, async () => {});
    for (const [i, e] of fiches.entries()) {
      if (i < half) continue;
      const rel = path.relative(big, path.join(e.parentPath, e.name));
      fs.mkdirSync(path.dirname(path.join(single, rel)), { recursive: true });
      fs.copyFileSync(path.join(big, rel), path.join(single, rel));
    }
    // Only the second half is read now: fewer than 1,000 files, so in this thread.
    const oneThread = await snapshot(single, dataDir);
    expect(oneThread).toEqual(whole);
    for (const dir of [big, single, dataDir]) fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
