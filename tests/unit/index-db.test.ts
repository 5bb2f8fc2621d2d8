import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIndexDb } from '../../server/db/connect.js';
import { withApp } from '../helpers/app.js';
import { makeTempDir, SAMPLE_CONTENT } from '../helpers/content.js';

describe('the index database is a cache', () => {
  it('a file that is not a database is replaced, and the server starts', async () => {
    const dataDir = makeTempDir();
    fs.writeFileSync(path.join(dataDir, 'index.sqlite'), 'ceci n’est pas une base SQLite'.repeat(200));
    await withApp({ contentDir: SAMPLE_CONTENT, dataDir }, async (app) => {
      expect((await app.inject('/api/fiches')).json().total).toBeGreaterThanOrEqual(40);
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an index at another schema version is rebuilt from scratch', async () => {
    const dataDir = makeTempDir();
    const file = path.join(dataDir, 'index.sqlite');
    const first = await openIndexDb(file);
    expect(first.fresh).toBe(true);
    first.sqlite.pragma('user_version = 999');
    await first.close();
    const second = await openIndexDb(file);
    expect(second.fresh).toBe(true);
    await second.close();
    const third = await openIndexDb(file);
    expect(third.fresh).toBe(false);
    await third.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
