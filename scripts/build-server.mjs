// Bundles server/ and its dependencies into dist/server.mjs with esbuild, so that `npm start`
// runs one plain JavaScript file: loading TypeScript through tsx cost ~1.2 s at every start, and
// resolving the hundreds of files of kysely, fastify and ajv another ~0.5 s. better-sqlite3 stays
// external (a native addon). Plain .mjs on purpose: it runs before anything is compiled.
import { build } from 'esbuild';

const started = Date.now();
await build({
  // The reading worker (server/index/read-worker.ts) is looked for next to the bundle.
  entryPoints: { server: 'server/main.ts', 'read-worker': 'server/index/read-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'sodium-native'],
  // CommonJS dependencies call require() for Node's own modules: give the ESM bundle one.
  banner: { js: "import { createRequire as __forgeCreateRequire } from 'node:module'; const require = __forgeCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
process.stderr.write(`dist/server.mjs et dist/read-worker.mjs construits en ${Date.now() - started} ms\n`);
