// The content folder as a git repository: every saved change is a commit authored by the
// contributor (the forge is the committer), history and old revisions of a file, and what
// changed since a commit (changes pulled from outside). Which repository is used, and how the
// forge stays inside CONTENT_DIR when the repository is larger, is explained in
// locate-repository.ts. Every command of one repository runs through one queue.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TEMP_SUFFIX, UnsafeWriteError, sweepTempFiles, writeFileAtomic } from '../content/write-atomic.js';
import { readBlobTexts } from './blob-texts.js';
import { readAuthorCommits } from './author-log.js';
import { readFileHistory, type FileRevision } from './file-history.js';
import { GitContentError } from './git-content-error.js';
import { GitCommandFailure, createGitRunner, type GitIdentity, type GitRunner } from './git-runner.js';
import { locateRepository, type RepositoryKind } from './locate-repository.js';
import { removeStaleLocks } from './stale-locks.js';
import { clearPendingWrite, pendingWriteFile, recordPendingWrite, undoInterruptedWrite } from './interrupted-write.js';
import { readRecentCommits, type RecentCommit } from './recent-log.js';
import { createSerialQueue } from './serial-queue.js';

export type { FileRevision } from './file-history.js';
export type { GitIdentity } from './git-runner.js';
export type { ChangeStatus, PathChange, RecentCommit } from './recent-log.js';

export interface FileChange {
  /** POSIX path relative to CONTENT_DIR, e.g. `commun/jardin-partage.md`. */
  relPath: string;
  content: string | Buffer;
  author: GitIdentity;
  /** The edit summary: stored verbatim (any characters, any length). */
  message: string;
}

export interface FileRemoval {
  relPath: string;
  author: GitIdentity;
  message: string;
}

export interface ContentRepository {
  /** CONTENT_DIR as a real path. */
  readonly contentDir: string;
  readonly kind: RepositoryKind;
  /** The stray temp files removed at opening (relative paths). */
  readonly sweptTempFiles: string[];
  /** Lock files a killed git command left in the forge's own repository, removed at opening (relative to the git folder). */
  readonly removedGitLocks: string[];
  /** The fiche whose interrupted write (on disk, never committed) was undone at start, if any. */
  readonly undoneWrite: string | null;
  /** Writes the file atomically and commits it alone; the new commit's hash (the file's last one if nothing changed). */
  commitFile(change: FileChange): Promise<string>;
  /** Deletes the file and commits the deletion alone; the new commit's hash. */
  removeFile(removal: FileRemoval): Promise<string>;
  /** Revisions of the file, newest first, across renames. */
  fileHistory(relPath: string, options?: { limit?: number }): Promise<FileRevision[]>;
  /** The file's text at a commit (7–64 hex characters), or null if absent there or unknown. */
  fileAt(relPath: string, commit: string): Promise<string | null>;
  headCommit(): Promise<string | null>;
  /** Paths under CONTENT_DIR (relative) that differ between `commit` and HEAD; null if `commit` is unknown. */
  pathsChangedSince(commit: string): Promise<string[] | null>;
  /**
   * The latest commits (at most `limit`, 1–200, newest first, merges left out) that changed
   * files under `paths` (relative to CONTENT_DIR: files or folders), with those changes only.
   */
  recentChanges(options: { paths: string[]; limit?: number }): Promise<RecentCommit[]>;
  /** The texts of these blob ids (as `recentChanges` gives them), in one git process; unknown ids are left out. */
  blobTexts(ids: string[]): Promise<Map<string, string>>;
  /**
   * The latest commits (at most `limit`, 1–200, newest first, merges left out) authored with
   * this e-mail (any case) among the last `scan` commits under `paths`, with their changes there.
   */
  commitsByAuthor(options: { email: string; paths: string[]; limit?: number; scan?: number }): Promise<RecentCommit[]>;
}

export const DEFAULT_HISTORY_LIMIT = 100;
export const MAX_HISTORY_LIMIT = 1000;
export const DEFAULT_RECENT_LIMIT = 50;
export const MAX_RECENT_LIMIT = 200;
export const DEFAULT_AUTHOR_SCAN = 5000;
export const MAX_AUTHOR_SCAN = 50_000;
const COMMIT_ID = /^[0-9a-f]{7,64}$/i;
/**
 * --only with the paths after `--`: the commit holds those paths and nothing else staged.
 * --no-verify: the hooks of an enclosing repository (linters, commit-message rules) are there
 * for its human contributors, not for the forge. --cleanup=verbatim: the summary is kept as typed.
 */
const COMMIT_OPTIONS = ['commit', '--no-verify', '--cleanup=verbatim', '--file=-', '--only'];

export async function openContentRepository(contentDir: string): Promise<ContentRepository> {
  await fs.mkdir(contentDir, { recursive: true });
  const root = await fs.realpath(contentDir);
  const sweptTempFiles = await sweepTempFiles(root);
  const git = createGitRunner(root);
  const { kind, prefix } = await locateRepository(git, root);
  // An enclosing repository belongs to humans too: a lock there may be theirs (a commit message
  // being typed), so it is never touched.
  const gitDir = (await git.run(['rev-parse', '--absolute-git-dir'])).trim();
  const removedGitLocks = kind === 'own' ? await removeStaleLocks(gitDir) : [];
  const pendingWrite = pendingWriteFile(gitDir, root);
  // A failure here (a lock of the enclosing repository's humans) keeps the record for next time.
  const undoneWrite = await undoInterruptedWrite(git, root, pendingWrite).catch(() => null);
  const queue = createSerialQueue();
  const inQueue = <T>(task: () => Promise<T>) => queue(() => task().catch(asContentError));

  return {
    contentDir: root,
    kind,
    sweptTempFiles,
    removedGitLocks,
    undoneWrite,
    async commitFile({ relPath, content, author, message }) {
      const rel = checkedRelPath(relPath);
      const identity = checkedAuthor(author);
      return inQueue(async () => {
        const file = path.join(root, rel);
        const previous = await fs.readFile(file, 'utf8').catch(() => null);
        await recordPendingWrite(pendingWrite, rel, content);
        await writeFileAtomic(file, content, { root });
        try {
          await git.run(['add', '--verbose', '--', rel]);
          let output: string;
          try {
            output = await git.run([...COMMIT_OPTIONS, '--', rel], { stdin: summary(message, `Modification de ${rel}`), author: identity });
          } catch (error) {
            // Status 1 with nothing staged for this path: the content was already the committed one.
            if (!(error instanceof GitCommandFailure && error.exitCode === 1) || (await hasStagedChange(git, rel))) throw error;
            return (await lastCommitTouching(git, rel)) ?? requiredHead(git);
          }
          return commitHashOf(output) ?? requiredHead(git);
        } catch (error) {
          // No commit, no change: the file goes back to what it was (a save is all or nothing).
          await (previous === null ? fs.rm(file, { force: true }) : writeFileAtomic(file, previous, { root }));
          await git.run(['reset', '--quiet', '--', rel]).catch(() => undefined);
          throw error;
        } finally {
          await clearPendingWrite(pendingWrite);
        }
      });
    },
    async removeFile({ relPath, author, message }) {
      const rel = checkedRelPath(relPath);
      const identity = checkedAuthor(author);
      return inQueue(async () => {
        if ((await git.run(['ls-files', '-z', '--', rel])) === '') throw new GitContentError('fichier_non_suivi');
        await recordPendingWrite(pendingWrite, rel, null);
        try {
          await git.run(['rm', '--force', '--', rel]);
          const output = await git.run([...COMMIT_OPTIONS, '--', rel], { stdin: summary(message, `Suppression de ${rel}`), author: identity });
          return commitHashOf(output) ?? requiredHead(git);
        } catch (error) {
          // All or nothing, like a save: the file comes back from HEAD.
          await git.run(['reset', '--quiet', '--', rel]).catch(() => undefined);
          await git.run(['checkout', 'HEAD', '--', rel]).catch(() => undefined);
          throw error;
        } finally {
          await clearPendingWrite(pendingWrite);
        }
      });
    },
    async fileHistory(relPath, options = {}) {
      const rel = checkedRelPath(relPath);
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_HISTORY_LIMIT), 1), MAX_HISTORY_LIMIT);
      return inQueue(() => readFileHistory(git, rel, prefix, limit));
    },
    async fileAt(relPath, commit) {
      const rel = checkedRelPath(relPath);
      const id = checkedCommitId(commit);
      // One `cat-file --batch` line: `<id>^{commit}:<path>` names the file in that commit only
      // (an id of another kind of object gives "missing"), paths from the top level.
      return inQueue(async () => {
        const output = await git.run(['cat-file', '--batch'], { stdin: `${id}^{commit}:${prefix}${rel}\n` });
        const headerEnd = output.indexOf('\n');
        if (!/^[0-9a-f]+ blob \d+$/.test(output.slice(0, headerEnd))) return null;
        // The content follows the header line and is itself followed by one newline.
        return output.slice(headerEnd + 1, -1);
      });
    },
    async headCommit() {
      return inQueue(() => resolveCommit(git, 'HEAD'));
    },
    async pathsChangedSince(commit) {
      const id = checkedCommitId(commit);
      return inQueue(async () => {
        const [since, head] = [await resolveCommit(git, id), await resolveCommit(git, 'HEAD')];
        if (since === null || head === null) return null;
        // --relative: only paths under the folder git runs in (CONTENT_DIR), relative to it.
        const output = await git.run(['diff', '--name-only', '--no-renames', '--relative', '-z', since, head]);
        return output.split('\0').filter((name) => name !== '');
      });
    },
    async recentChanges({ paths, limit = DEFAULT_RECENT_LIMIT }) {
      const pathspecs = paths.map(checkedRelPath);
      if (pathspecs.length === 0) return [];
      const count = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_RECENT_LIMIT);
      return inQueue(async () => ((await resolveCommit(git, 'HEAD')) === null ? [] : readRecentCommits(git, pathspecs, prefix, count)));
    },
    async blobTexts(ids) {
      return inQueue(() => readBlobTexts(git, ids));
    },
    async commitsByAuthor({ email, paths, limit = DEFAULT_RECENT_LIMIT, scan = DEFAULT_AUTHOR_SCAN }) {
      const pathspecs = paths.map(checkedRelPath);
      if (pathspecs.length === 0 || typeof email !== 'string') return [];
      const count = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_RECENT_LIMIT);
      const window = Math.min(Math.max(Math.trunc(scan) || 1, 1), MAX_AUTHOR_SCAN);
      return inQueue(async () =>
        (await resolveCommit(git, 'HEAD')) === null ? [] : readAuthorCommits(git, pathspecs, prefix, { email, limit: count, scan: window }),
      );
    },
  };
}

/** The full hash a revision names, or null when it names no commit. */
async function resolveCommit(git: GitRunner, revision: string): Promise<string | null> {
  try {
    return (await git.run(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])).trim() || null;
  } catch (error) {
    if (error instanceof GitCommandFailure && error.exitCode === 1) return null;
    throw error;
  }
}

/**
 * The new commit's hash from `git commit`'s first line, `[main 3f5a…] summary` (full hashes
 * through core.abbrev=no): the commit we made, even if a human commits right after.
 */
function commitHashOf(output: string): string | null {
  const firstLine = output.split('\n', 1)[0] ?? '';
  return /^\[.*? ([0-9a-f]{40}|[0-9a-f]{64})\] /.exec(firstLine)?.[1] ?? null;
}

async function requiredHead(git: GitRunner): Promise<string> {
  const head = await resolveCommit(git, 'HEAD');
  if (head === null) throw new GitContentError('historique_indisponible');
  return head;
}

async function hasStagedChange(git: GitRunner, rel: string): Promise<boolean> {
  return (await git.run(['diff', '--cached', '--name-only', '-z', '--', rel])) !== '';
}

async function lastCommitTouching(git: GitRunner, rel: string): Promise<string | null> {
  return (await git.run(['log', '--max-count=1', '--format=%H', '--', rel])).trim() || null;
}

/** A commit message git accepts: never empty, no NUL byte (git refuses both). */
function summary(message: string, fallback: string): string {
  const text = String(message ?? '').replaceAll('\0', '');
  return text.trim() === '' ? fallback : text;
}

/**
 * A path relative to CONTENT_DIR that names a file under it: not absolute, no `.` or `..`
 * segment, nothing inside a `.git` folder, not a temp file of the atomic writes.
 */
function checkedRelPath(relPath: unknown): string {
  if (
    typeof relPath !== 'string' ||
    relPath === '' ||
    /[\0\n\r]/.test(relPath) ||
    relPath.includes('\\') ||
    relPath.startsWith('/') ||
    relPath.endsWith(TEMP_SUFFIX) ||
    relPath.split('/').some((part) => part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git')
  ) {
    throw new GitContentError('chemin_invalide');
  }
  return relPath;
}

function checkedCommitId(commit: unknown): string {
  if (typeof commit !== 'string' || !COMMIT_ID.test(commit)) throw new GitContentError('revision_invalide');
  return commit;
}

function checkedAuthor(author: GitIdentity | undefined): GitIdentity {
  if (!author || typeof author.nom !== 'string' || author.nom.trim() === '') throw new GitContentError('auteur_invalide');
  return { nom: author.nom, email: typeof author.email === 'string' ? author.email : '' };
}

/** Our refusals pass as they are; a git failure becomes a message that names no server path. */
function asContentError(error: unknown): never {
  if (error instanceof GitContentError) throw error;
  if (error instanceof UnsafeWriteError) throw new GitContentError('chemin_invalide', { cause: error });
  if (error instanceof GitCommandFailure) throw new GitContentError('historique_indisponible', { cause: error });
  throw error;
}
