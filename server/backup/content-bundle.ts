// The content repository as one file: `git bundle create --all` (every branch and tag, the whole
// history), checked with `git bundle verify`, and brought back by fetching every ref of the bundle
// into a repository and checking out the commit the backup named. File paths handed to git are
// absolute, so none can be read as an option.
import path from 'node:path';
import { createGitRunner, type GitRunner } from '../git/git-runner.js';
import { BackupError } from './backup-error.js';
import { asBackupError } from './content-git.js';

export async function createBundle(git: GitRunner, file: string): Promise<void> {
  await git.run(['bundle', 'create', path.resolve(file), '--all']).catch(asBackupError);
}

/** `git bundle verify`: the file is a bundle and holds a complete history. */
export async function verifyBundle(git: GitRunner, file: string): Promise<void> {
  try {
    await git.run(['bundle', 'verify', path.resolve(file)]);
  } catch (error) {
    throw new BackupError('bundle_invalide', { cause: error });
  }
}

/** The refs a bundle holds: ref name (`HEAD`, `refs/heads/main`…) → commit. */
export async function bundleHeads(git: GitRunner, file: string): Promise<Map<string, string>> {
  const output = await git.run(['bundle', 'list-heads', path.resolve(file)]).catch(asBackupError);
  const heads = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+)$/.exec(line);
    if (match) heads.set(match[2]!, match[1]!);
  }
  return heads;
}

export interface BundleCheckout {
  bundle: string;
  commit: string;
  branch: string | null;
  /** The target is an empty folder (a repository is created) rather than an existing repository. */
  fresh: boolean;
}

/**
 * Brings the bundle into `contentDir`: every ref of the bundle is fetched over the repository's
 * own (`+refs/*:refs/*`: refs the bundle does not have, made after the backup, are kept), HEAD
 * is pointed at the backup's branch and the work tree reset hard to the backup's commit. Files
 * git does not track are left where they are; their paths are returned.
 */
export async function checkoutBundle(contentDir: string, { bundle, commit, branch, fresh }: BundleCheckout): Promise<string[]> {
  const git = createGitRunner(contentDir);
  try {
    if (fresh) {
      const format = commit.length === 64 ? 'sha256' : 'sha1';
      await git.run(['init', `--initial-branch=${branch ?? 'main'}`, `--object-format=${format}`]);
    }
    await git.run(['fetch', '--update-head-ok', path.resolve(bundle), '+refs/*:refs/*']);
    if (branch === null) await git.run(['update-ref', '--no-deref', 'HEAD', commit]);
    else await git.run(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
    await git.run(['reset', '--hard', commit]);
    const untracked = await git.run(['ls-files', '--others', '--exclude-standard', '-z']);
    return untracked.split('\0').filter((name) => name !== '');
  } catch (error) {
    asBackupError(error);
  }
}
