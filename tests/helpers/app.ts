// The one way tests build the server: a real app on a real content folder and a real SQLite
// file in a temp DATA_DIR, always closed afterwards.
import fs from 'node:fs';
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
