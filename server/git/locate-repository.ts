// Which git repository holds the content folder, created when there is none.
//
// The rule (issue 4): CONTENT_DIR is either
// - the top level of a work tree: it is used as it is;
// - inside no repository (or inside one that ignores it): it becomes its own repository, on
//   branch `main`, with the files already there as a first commit by the forge;
// - a sub-folder of another repository (the sample `content/` of the project's checkout): that
//   repository is used, but the forge only ever names paths under CONTENT_DIR (pathspecs after
//   `--`, commands run from CONTENT_DIR) and each commit holds only the paths the forge wrote
//   (`git commit --only -- <paths>`), so what a human staged elsewhere is neither committed nor
//   unstaged.
import fs from 'node:fs/promises';
import path from 'node:path';
import { GitCommandFailure, type GitRunner } from './git-runner.js';

export type RepositoryKind = 'own' | 'enclosing' | 'created';

export interface LocatedRepository {
  /** `own`: CONTENT_DIR is a work tree's top level; `enclosing`: a folder inside one; `created`: initialised now. */
  kind: RepositoryKind;
  /** CONTENT_DIR relative to the work tree's top level: '' or a POSIX path ending with '/'. */
  prefix: string;
}

export const INITIAL_COMMIT_MESSAGE = 'Import initial du dossier de contenu';

/** `contentDir` must be a real path (no symlink) so that it compares with git's top level. */
export async function locateRepository(git: GitRunner, contentDir: string): Promise<LocatedRepository> {
  const topLevel = await workTreeTopLevel(git);
  if (topLevel !== null) {
    const realTop = await fs.realpath(topLevel);
    if (realTop === contentDir) return { kind: 'own', prefix: '' };
    if (!(await isIgnored(git))) {
      return { kind: 'enclosing', prefix: `${path.relative(realTop, contentDir).split(path.sep).join('/')}/` };
    }
  }
  await initialise(git);
  return { kind: 'created', prefix: '' };
}

async function workTreeTopLevel(git: GitRunner): Promise<string | null> {
  try {
    return (await git.run(['rev-parse', '--show-toplevel'])).trim();
  } catch (error) {
    // Only "not a repository" means there is none: "dubious ownership" and other refusals must
    // not lead to a new repository nested in someone else's.
    if (error instanceof GitCommandFailure && /not a git repository/i.test(error.stderr)) return null;
    throw error;
  }
}

async function isIgnored(git: GitRunner): Promise<boolean> {
  try {
    return (await git.run(['check-ignore', '--', '.'], { literalPathspecs: false })).trim() !== '';
  } catch (error) {
    if (error instanceof GitCommandFailure && error.exitCode === 1) return false;
    throw error;
  }
}

async function initialise(git: GitRunner): Promise<void> {
  await git.run(['init', '--initial-branch=main']);
  await git.run(['add', '--all', '--', '.']);
  await git.run(['commit', '--no-verify', '--allow-empty', '--cleanup=verbatim', '--file=-'], {
    stdin: INITIAL_COMMIT_MESSAGE,
  });
}
