// Bundles server/ into dist/server.mjs with esbuild (dependencies stay external), so that
// `npm start` runs plain JavaScript: loading TypeScript through tsx cost ~1.2 s at every start.
// Plain .mjs on purpose: it runs before anything is compiled.
import { build } from 'esbuild';

const started = Date.now();
await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
process.stderr.write(`dist/server.mjs construit en ${Date.now() - started} ms\n`);
