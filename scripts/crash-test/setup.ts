// What the crash test runs on: the server bundle (built when a source is newer), a temp copy of
// the sample content plus the fiches the bursts rewrite, an empty DATA_DIR, and two accounts
// made with `npm run admin` as an administrator would: an editor (saves are commits) and a new
// contributor (saves are propositions, rows of forge.sqlite).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../server/config.js';

export const EDITOR_EMAIL = 'editrice@panne.example';
export const CONTRIBUTOR_EMAIL = 'contributeur@panne.example';
/** The fiches every burst rewrites (outil/<slug>.md). */
export const TARGET_SLUGS = ['panne-cible-1', 'panne-cible-2', 'panne-cible-3'];
const PASSWORD = 'un mot de passe de test de pannes';

export interface CrashSetup {
  root: string;
  contentDir: string;
  dataDir: string;
  serverScript: string;
  editorToken: string;
  contributorToken: string;
}

export function ensureServerBundle(): string {
  const bundle = path.join(ROOT_DIR, 'dist', 'server.mjs');
  const built = fs.statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = [path.join(ROOT_DIR, 'scripts', 'build-server.mjs'), ...listFiles(path.join(ROOT_DIR, 'server'))];
  if (sources.some((file) => fs.statSync(file).mtimeMs > built)) {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return bundle;
}

export async function prepareCrashSetup(): Promise<CrashSetup> {
  const serverScript = ensureServerBundle();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-pannes-'));
  const contentDir = path.join(root, 'contenu');
  const dataDir = path.join(root, 'donnees');
  fs.cpSync(path.join(ROOT_DIR, 'content'), contentDir, { recursive: true });
  for (const slug of TARGET_SLUGS) {
    fs.writeFileSync(path.join(contentDir, 'outil', `${slug}.md`), `---\ntitre: Cible ${slug}\nresume: Une fiche réécrite par le test de pannes.\nlicence: CC-BY-SA-4.0\n---\nVersion initiale.\n`);
  }
  const env = { ...process.env, CONTENT_DIR: contentDir, DATA_DIR: dataDir };
  // Two accounts, then their tokens: each pair in parallel (each command loads tsx for ~1 s).
  await Promise.all([
    admin(env, ['ajouter', '--email', EDITOR_EMAIL, '--nom', 'Éditrice des pannes', '--role', 'editeur'], `${PASSWORD}\n`),
    admin(env, ['ajouter', '--email', CONTRIBUTOR_EMAIL, '--nom', 'Contributeur des pannes', '--role', 'contributeur'], `${PASSWORD}\n`),
  ]);
  const [editorToken, contributorToken] = (
    await Promise.all([
      admin(env, ['jeton', '--email', EDITOR_EMAIL, '--libelle', 'test de pannes']),
      admin(env, ['jeton', '--email', CONTRIBUTOR_EMAIL, '--libelle', 'test de pannes']),
    ])
  ).map(lastLine) as [string, string];
  return { root, contentDir, dataDir, serverScript, editorToken, contributorToken };
}

function admin(env: NodeJS.ProcessEnv, args: string[], stdin = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { cwd: ROOT_DIR, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`npm run admin -- ${args[0]} : ${stderr.trim()}`))));
    child.stdin.end(stdin);
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
