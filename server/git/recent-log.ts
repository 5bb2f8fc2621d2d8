// The latest commits that touched some paths of the content folder, newest first, each with the
// files it changed (status A/M/D/R and the blob ids before and after). Same output conventions as
// file-history.ts: fields separated by 0x1f, NUL-separated tokens (`-z`), so any commit message
// and any path parse back whole. Merges are left out: the commits they bring are listed.
import type { GitRunner } from './git-runner.js';
import { COMMIT_LOG_FORMAT, parseCommitHeader } from './log-header.js';

export type ChangeStatus = 'A' | 'M' | 'D' | 'R';

export interface PathChange {
  status: ChangeStatus;
  /** Path under CONTENT_DIR after the commit (the removed path for D). */
  chemin: string;
  /** Path under CONTENT_DIR before a rename; null otherwise (or when it was outside CONTENT_DIR). */
  ancienChemin: string | null;
  /** Blob id of the file before the commit; null for A. */
  blobAvant: string | null;
  /** Blob id of the file after the commit; null for D. */
  blobApres: string | null;
}

export interface RecentCommit {
  commit: string;
  auteur: string;
  email: string;
  /** Author date, strict ISO 8601 with the author's UTC offset. */
  date: string;
  message: string;
  changes: PathChange[];
}

const NO_BLOB = /^0+$/;

/**
 * `pathspecs` are relative to CONTENT_DIR, where git runs; `prefix` is CONTENT_DIR relative to
 * the work tree's top level ('' or ending with '/'), how `--raw` names paths.
 */
export async function readRecentCommits(git: GitRunner, pathspecs: string[], prefix: string, limit: number): Promise<RecentCommit[]> {
  const output = await git.run([
    'log', '-z', '--raw', '--no-abbrev', '--no-color', '--encoding=UTF-8', '--no-merges', '--find-renames', `--max-count=${limit}`, COMMIT_LOG_FORMAT, '--', ...pathspecs,
  ]);
  return parseRecentLog(output, prefix);
}

/** Parses `git log -z --raw` output made with COMMIT_LOG_FORMAT. Exported for tests. */
export function parseRecentLog(output: string, prefix: string): RecentCommit[] {
  const tokens = output.split('\0');
  const commits: RecentCommit[] = [];
  const underContent = (top: string | undefined) => (top !== undefined && top.startsWith(prefix) ? top.slice(prefix.length) : null);
  let i = 0;
  while (i < tokens.length) {
    const parsed = parseCommitHeader(tokens[i++]!);
    if (parsed === null) continue;
    const { commit, auteur, email, date, message } = parsed;
    const changes: PathChange[] = [];
    for (let raw = rawAt(tokens, i); raw !== null; raw = rawAt(tokens, i)) {
      // `:<mode> <mode> <oid before> <oid after> <status>` then one path, or two for a rename or copy.
      const [, , before = '', after = '', status = ''] = raw.slice(1).split(' ');
      const twoPaths = status.startsWith('R') || status.startsWith('C');
      const chemin = underContent(tokens[twoPaths ? i + 2 : i + 1]);
      const kind = statusOf(status);
      const ancienChemin = twoPaths ? underContent(tokens[i + 1]) : null;
      if (chemin !== null && kind !== null) {
        changes.push({
          // A file moved in from outside CONTENT_DIR is new here.
          status: kind === 'R' && ancienChemin === null ? 'A' : kind,
          chemin,
          ancienChemin,
          blobAvant: NO_BLOB.test(before) ? null : before,
          blobApres: NO_BLOB.test(after) ? null : after,
        });
      }
      i += twoPaths ? 3 : 2;
    }
    commits.push({ commit, auteur, email, date, message, changes });
  }
  return commits;
}

/** The change line at token i, if that token is one (a header starts with a hash, never ':'). */
function rawAt(tokens: string[], i: number): string | null {
  const token = tokens[i]?.replace(/^\n/, '');
  return token?.startsWith(':') ? token : null;
}

/** A, M, D and R as they are; a copy is a new file; a type change (T) a modification; others are skipped. */
function statusOf(status: string): ChangeStatus | null {
  const letter = status[0];
  if (letter === 'A' || letter === 'M' || letter === 'D' || letter === 'R') return letter;
  if (letter === 'C') return 'A';
  if (letter === 'T') return 'M';
  return null;
}
