// The latest commits of one author under some paths of the content folder, newest first, each
// with the files it changed (same shape as recent-log.ts). The e-mail is user text, so it is
// never given to git (`--author` would read it as a pattern, and an option-like value is a risk):
// a first, light `git log` lists hashes and author e-mails, the matching is done here, and a
// second `git log --no-walk` reads the changes of the matching commits only (a bulk import by
// someone else costs nothing).
import type { GitRunner } from './git-runner.js';
import { parseRecentLog, type RecentCommit } from './recent-log.js';

const FIELD = '\x1f';
const LOG_FORMAT = '--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%B';
const COMMIT_HASH = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export interface AuthorLogOptions {
  /** Compared with each commit's author e-mail, ignoring case. */
  email: string;
  /** How many matching commits to return at most. */
  limit: number;
  /** How many of the latest commits under the paths are looked at. */
  scan: number;
}

/**
 * `pathspecs` are relative to CONTENT_DIR, where git runs; `prefix` is CONTENT_DIR relative to
 * the work tree's top level ('' or ending with '/').
 */
export async function readAuthorCommits(git: GitRunner, pathspecs: string[], prefix: string, options: AuthorLogOptions): Promise<RecentCommit[]> {
  const wanted = options.email.trim().toLowerCase();
  if (wanted === '') return [];
  const listing = await git.run(['log', '-z', '--no-merges', '--no-color', `--max-count=${options.scan}`, '--format=%H%x1f%ae', '--', ...pathspecs]);
  const hashes: string[] = [];
  for (const record of listing.split('\0')) {
    const [hash = '', email = ''] = record.replace(/^\n/, '').split(FIELD);
    if (COMMIT_HASH.test(hash) && email.toLowerCase() === wanted) hashes.push(hash);
    if (hashes.length >= options.limit) break;
  }
  if (hashes.length === 0) return [];
  // Only hashes git printed itself follow: never an option, never user text.
  const output = await git.run([
    'log', '--no-walk=unsorted', '-z', '--raw', '--no-abbrev', '--no-color', '--encoding=UTF-8', '--find-renames', LOG_FORMAT, ...hashes, '--', ...pathspecs,
  ]);
  return parseRecentLog(output, prefix);
}
