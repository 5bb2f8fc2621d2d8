// `npm run validate` (scripts/validate.ts) as users run it: a child process on CONTENT_DIR,
// `path:line: message` lines on stdout, a summary on stderr, exit 0 / 1 (2 when it cannot run),
// and DATA_DIR never touched.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLE_CONTENT, contentWithSampleOntology, fiche, makeTempDir } from '../helpers/content.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'validate.ts');

/** Runs the validator; `npx tsx` from the repository, or the local tsx binary from another cwd. */
function validate(env: Record<string, string>, cwd = REPO_ROOT): Promise<Run> {
  const [command, args] = cwd === REPO_ROOT ? ['npx', ['tsx', 'scripts/validate.ts']] : [TSX, [SCRIPT]];
  return new Promise((resolve) => {
    execFile(
      command as string,
      args as string[],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

// The four runs are independent child processes: start them together (each takes seconds).
let sample: Run;
let sampleDataDir: string;
let withProblems: Run;
let problemsDir: string;
let relative: Run;
let relativeRoot: string;
let missing: Run;

beforeAll(async () => {
  sampleDataDir = path.join(makeTempDir('forge-cli-data-'), 'jamais-cree');
  temp.push(path.dirname(sampleDataDir));

  problemsDir = contentWithSampleOntology({
    'methode/valide.md': fiche({ titre: 'Une fiche valide', resume: 'r', licence: 'CC0-1.0' }),
    'methode/titre-court.md': '---\nresume: r\nlicence: CC0-1.0\ntitre: ab\n---\nCorps\n',
    'outil/cle-inconnue.md': '---\ntitre: Abc\nresume: r\nlicence: CC0-1.0\ncontexte: [collectivites]\n---\n',
    'commun/lien-casse.md': '---\ntitre: Abc\nresume: r\nlicence: CC0-1.0\n---\nCorps\n\nVoir [[absente]].\n',
    'commun/js.md': '---js\n({ titre: "x" })\n---\n',
    'outil/Mauvais Nom.md': fiche({ titre: 'Abc', resume: 'r', licence: 'CC0-1.0' }),
  });
  temp.push(problemsDir);

  relativeRoot = makeTempDir('forge-cli-cwd-');
  temp.push(relativeRoot);
  const warningsOnly = contentWithSampleOntology({
    'commun/seule.md': '---\ntitre: Abc\nresume: r\nlicence: CC0-1.0\nliens:\n  voir_aussi: [absente]\n---\n',
  });
  fs.renameSync(warningsOnly, path.join(relativeRoot, 'contenu'));

  const missingRoot = makeTempDir('forge-cli-none-');
  temp.push(missingRoot);

  [sample, withProblems, relative, missing] = await Promise.all([
    validate({ CONTENT_DIR: SAMPLE_CONTENT, DATA_DIR: sampleDataDir }),
    validate({ CONTENT_DIR: problemsDir, DATA_DIR: path.join(problemsDir, 'data') }),
    validate({ CONTENT_DIR: 'contenu' }, relativeRoot),
    validate({ CONTENT_DIR: path.join(missingRoot, 'absent') }),
  ]);
}, 60_000);

describe('npm run validate', () => {
  it('exits 0 and prints no problem on the sample content, without creating DATA_DIR', () => {
    const run = sample;
    expect(run.stderr).toMatch(/^\d+ fichiers lus, \d+ fiches publiées, 0 erreur\(s\), 0 avertissement\(s\)\n$/);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
    const published = Number(/(\d+) fiches publiées/.exec(run.stderr)![1]);
    const files = ['commun', 'outil', 'methode', 'retour-experience'].flatMap((type) => fs.readdirSync(path.join(SAMPLE_CONTENT, type)));
    expect(published).toBe(files.length);
    expect(fs.existsSync(sampleDataDir)).toBe(false);
  });

  it('exits 1 and prints one path:line: message line per problem', () => {
    const run = withProblems;
    const dir = problemsDir;
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    // CONTENT_DIR outside the working directory: absolute paths, sorted by path then line.
    expect(lines).toEqual([
      `${dir}/commun/js.md:1: front matter « js » refusé : seul le YAML est accepté (la ligne d’ouverture doit être « --- »)`,
      `${dir}/commun/lien-casse.md:8: avertissement : lien wiki [[absente]] : la fiche « absente » n’existe pas`,
      `${dir}/methode/titre-court.md:4: titre : doit contenir au moins 3 caractères`,
      `${dir}/outil/cle-inconnue.md:5: clé inconnue « contexte » (vouliez-vous dire « contextes » ?) ; les clés libres commencent par x_`,
      expect.stringMatching(new RegExp(`^${dir}/outil/Mauvais Nom\\.md:1: nom de fichier invalide « Mauvais Nom\\.md »`)),
    ]);
    for (const line of lines) expect(line).toMatch(/^[^:]+:\d+: .+$/);
    expect(run.stderr).toMatch(/2 fiches publiées, 4 erreur\(s\), 1 avertissement\(s\)/);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('prints paths relative to the working directory, and exits 1 on warnings alone', () => {
    expect(relative.stdout).toBe('contenu/commun/seule.md:6: avertissement : liens.voir_aussi : la fiche « absente » n’existe pas\n');
    expect(relative.code).toBe(1);
    expect(fs.readdirSync(relativeRoot)).toEqual(['contenu']);
  });

  it('exits 2 with a French message when CONTENT_DIR is not a folder', () => {
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^configuration : CONTENT_DIR « .*absent » n’est pas un dossier\n$/);
  });
});
