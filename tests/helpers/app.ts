// The one way tests build the server: a real app on a real content folder and a real SQLite
// file in a temp DATA_DIR, always closed afterwards.
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { makeTempDir } from './content.js';

export interface TestAppOptions {
  contentDir: string;
  dataDir?: string;
  watch?: boolean;
  config?: Partial<Config>;
}

export async function withApp<T>(options: TestAppOptions, run: (app: FastifyInstance) => Promise<T>): Promise<T> {
  const dataDir = options.dataDir ?? makeTempDir('forge-data-');
  const config: Config = {
    ...loadConfig({ CONTENT_DIR: options.contentDir, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    watch: options.watch ?? false,
    ...options.config,
  };
  const app = await buildApp(config);
  try {
    return await run(app);
  } finally {
    await app.close();
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One app for a whole test file: built in beforeAll, closed (through withApp) in afterAll.
 * Returns a getter, since the app exists only once beforeAll has run.
 */
export function useSharedApp(options: () => TestAppOptions): () => FastifyInstance {
  let app: FastifyInstance | undefined;
  let release: () => void = () => {};
  let running: Promise<unknown> = Promise.resolve();
  beforeAll(async () => {
    await new Promise<void>((ready, fail) => {
      running = withApp(options(), (built) => {
        app = built;
        ready();
        return new Promise<void>((done) => (release = done));
      }).catch(fail);
    });
  }, 60_000);
  afterAll(async () => {
    release();
    await running;
  });
  return () => {
    if (!app) throw new Error('the shared app is not built yet (use it inside a test)');
    return app;
  };
}
