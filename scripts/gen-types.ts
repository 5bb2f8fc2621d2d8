// Generates server/generated/*.ts from the JSON Schemas of schemas/ (json-schema-to-typescript).
// `--check` regenerates in memory and fails if the committed files differ (CI drift check).
import fs from 'node:fs';
import path from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCHEMAS = path.join(ROOT, 'schemas');
const OUT = path.join(ROOT, 'server', 'generated');
const BANNER = '// Generated from schemas/ by scripts/gen-types.ts: do not edit, run `npm run gen:types`.\n';
const TYPES = { commun: 'FicheCommun', outil: 'FicheOutil', methode: 'FicheMethode', 'retour-experience': 'FicheRetourExperience' };

async function generate(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const names = fs.readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json')).sort();
  for (const name of names) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8')) as JSONSchema;
    const ts = await compile(schema, String(schema.title), {
      cwd: SCHEMAS,
      bannerComment: '',
      additionalProperties: false,
      strictIndexSignatures: false,
      format: true,
      style: { singleQuote: true, printWidth: 120 },
    });
    files.set(name.replace('.schema.json', '.ts'), BANNER + ts);
  }
  const index = [
    BANNER.trimEnd(),
    "import type { FicheBase } from './fiche-base.js';",
    ...Object.entries(TYPES).map(([file, type]) => `import type { ${type} as Champs${type} } from './${file}.js';`),
    '',
    "export type { FicheBase } from './fiche-base.js';",
    "export type { Vocabulaire, Concept } from './vocabulaire.js';",
    '',
    ...Object.values(TYPES).map((type) => `/** Every key a fiche of this type may carry (base + its own). */\nexport type ${type} = FicheBase & Champs${type};`),
    '',
  ].join('\n');
  files.set('index.ts', index);
  return files;
}

const check = process.argv.includes('--check');
const files = await generate();
let drift = 0;
for (const [name, content] of files) {
  const target = path.join(OUT, name);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (current === content) continue;
  if (check) {
    process.stderr.write(`server/generated/${name}:1: ce fichier ne correspond plus à schemas/ ; lancez npm run gen:types\n`);
    drift++;
  } else {
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(target, content);
    process.stdout.write(`écrit server/generated/${name}\n`);
  }
}
const stale = fs.existsSync(OUT) ? fs.readdirSync(OUT).filter((f) => !files.has(f)) : [];
for (const name of stale) {
  if (check) {
    process.stderr.write(`server/generated/${name}:1: aucun schéma ne produit ce fichier ; lancez npm run gen:types\n`);
    drift++;
  } else fs.rmSync(path.join(OUT, name));
}
process.exit(drift > 0 ? 1 : 0);
