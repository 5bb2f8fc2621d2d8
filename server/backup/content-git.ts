// The content repository as the backup sees it: it must be the forge's own repository (CONTENT_DIR
// is its top level), with at least one commit. Read-only questions only; nothing here creates or
// changes a repository (unlike opening it for the server, which initialises a missing one).
import fs from 'node:fs/promises';
import { GitCommandFailure, createGitRunner, type GitRunner } from '../git/git-runner.js';
import { FICHE_TYPES, classifyContentPath } from '../content/paths.js';
import { BackupError } from './backup-error.js';

/** A runner on CONTENT_DIR once it is known to be the top level of its own repository. */
export async function ownRepository(contentDir: string): Promise<GitRunner> {
  const root = await fs.realpath(contentDir).catch((error: unknown) => {
    throw new BackupError('depot_absent', { detail: contentDir, cause: error });
  });
  const git = createGitRunner(root);
  let topLevel: string;
  try {
    topLevel = (await git.run(['rev-parse', '--show-toplevel'])).trim();
  } catch (error) {
    if (error instanceof GitCommandFailure && /not a git repository/i.test(error.stderr)) throw new BackupError('depot_absent', { detail: root });
    throw asBackupError(error);
  }
  if ((await fs.realpath(topLevel)) !== root) throw new BackupError('depot_englobant', { detail: `dépôt : ${topLevel}` });
  return git;
}

/** The branch HEAD points to (`main`), or null when HEAD is detached. */
export async function currentBranch(git: GitRunner): Promise<string | null> {
  try {
    const ref = (await git.run(['symbolic-ref', '--quiet', 'HEAD'])).trim();
    return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
  } catch (error) {
    if (error instanceof GitCommandFailure && error.exitCode === 1) return null;
    throw asBackupError(error);
  }
}

export async function hasCommits(git: GitRunner): Promise<boolean> {
  try {
    return (await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim() !== '';
  } catch (error) {
    if (error instanceof GitCommandFailure && error.exitCode === 1) return false;
    throw asBackupError(error);
  }
}

/** Number of fiche files (`<type>/<slug>.md`) in a commit. */
export async function countFichesAt(git: GitRunner, commit: string): Promise<number> {
  const output = await git.run(['ls-tree', '-r', '--name-only', '-z', commit, '--', ...FICHE_TYPES]).catch(asBackupError);
  return output.split('\0').filter((name) => classifyContentPath(name)?.kind === 'fiche').length;
}

/** Paths that differ from HEAD (modified, staged or untracked): a bundle holds commits only.
 * --no-optional-locks: the server may be committing; status must not take the index lock. */
export async function uncommittedPaths(git: GitRunner): Promise<string[]> {
  const output = await git.run(['--no-optional-locks', 'status', '--porcelain', '-z', '--no-renames', '--untracked-files=all']).catch(asBackupError);
  return output.split('\0').filter((entry) => entry.length > 3).map((entry) => entry.slice(3));
}

/** A git failure told in French, with git's first line of explanation as the detail. */
export function asBackupError(error: unknown): never {
  if (error instanceof BackupError) throw error;
  if (error instanceof GitCommandFailure) {
    const firstLine = error.stderr.trim().split('\n', 1)[0] ?? '';
    throw new BackupError('git_en_echec', { detail: firstLine || `code ${error.exitCode}`, cause: error });
  }
  throw error;
}
