// The revisions of one file, newest first, across renames (`git log --follow`), with the size
// of the file after each one. Fields are separated by 0x1f and commits by NUL (`-z`): a commit
// message cannot hold a NUL, so any message, whatever it contains, parses back whole.
import type { GitRunner } from './git-runner.js';
import { COMMIT_LOG_FORMAT, parseCommitHeader } from './log-header.js';

export interface FileRevision {
  commit: string;
  auteur: string;
  email: string;
  /** Author date, strict ISO 8601 with the author's UTC offset. */
  date: string;
  message: string;
  /** Bytes of the file after this commit; 0 when the commit deleted it. */
  taille: number;
  /** taille minus the taille of the next older revision (all of taille for the oldest). */
  delta: number;
  /** The git blob of the file after this commit; null when the commit deleted it. */
  blob: string | null;
  /**
   * The file's path under CONTENT_DIR after this commit (an older name before a rename: what
   * fileAt needs to show that revision); null when the commit deleted it or it was elsewhere.
   */
  chemin: string | null;
}

interface LogEntry {
  commit: string;
  auteur: string;
  email: string;
  date: string;
  message: string;
  /** Where the file was after the commit: undefined when git showed no change line (merges). */
  pathAfter: string | null | undefined;
  /** Where the file was before the commit (its old name for a rename). */
  pathBefore: string | undefined;
  /** Set when git saw the file as a copy of another one: its history starts there. */
  copiedFrom?: string;
}


/**
 * `relPath` is relative to CONTENT_DIR, where git runs; `prefix` is CONTENT_DIR relative to the
 * work tree's top level ('' or ending with '/'), how `--raw` names paths.
 */
export async function readFileHistory(git: GitRunner, relPath: string, prefix: string, limit: number): Promise<FileRevision[]> {
  // One revision more than asked: the delta of the oldest one shown needs its predecessor.
  const output = await git.run([
    'log', '--follow', '-z', '--raw', '--no-abbrev', '--no-color', '--encoding=UTF-8', `--max-count=${limit + 1}`, COMMIT_LOG_FORMAT, '--', relPath,
  ]);
  // `--follow` looks for the source of a new file among all files, copies included: a new fiche
  // that resembles another would take on that fiche's whole history (its summaries, even a
  // private fiche's). A copy is where the file's history starts.
  const followed = parseFollowLog(output);
  const copy = followed.findIndex((entry) => entry.copiedFrom !== undefined);
  const entries = copy < 0 ? followed : followed.slice(0, copy + 1);
  const paths = pathsAfter(entries, prefix + relPath);
  const objects = await objectsAt(git, entries, paths);
  return entries.slice(0, limit).map((entry, i) => ({
    commit: entry.commit,
    auteur: entry.auteur,
    email: entry.email,
    date: entry.date,
    message: entry.message,
    taille: objects[i]!.size,
    delta: objects[i]!.size - (objects[i + 1]?.size ?? 0),
    blob: objects[i]!.blob,
    chemin: paths[i]?.startsWith(prefix) ? paths[i]!.slice(prefix.length) : null,
  }));
}

/** Parses `git log -z --raw` output made with COMMIT_LOG_FORMAT. Exported for tests. */
export function parseFollowLog(output: string): LogEntry[] {
  const tokens = output.split('\0');
  const entries: LogEntry[] = [];
  let i = 0;
  while (i < tokens.length) {
    const parsed = parseCommitHeader(tokens[i++]!);
    if (parsed === null) continue;
    const { commit, auteur, email, date, message } = parsed;
    let pathAfter: string | null | undefined;
    let pathBefore: string | undefined;
    let copiedFrom: string | undefined;
    let first = true;
    for (let raw = rawAt(tokens, i); raw !== null; raw = rawAt(tokens, i)) {
      // `:<mode> <mode> <oid> <oid> <status>` then one path, or two for a rename or copy.
      const status = raw.split(' ')[4] ?? '';
      const twoPaths = status.startsWith('R') || status.startsWith('C');
      if (first) {
        pathBefore = tokens[i + 1];
        pathAfter = status.startsWith('D') ? null : tokens[twoPaths ? i + 2 : i + 1];
        if (status.startsWith('C')) copiedFrom = tokens[i + 1];
        first = false;
      }
      i += twoPaths ? 3 : 2;
    }
    entries.push({ commit, auteur, email, date, message, pathAfter, pathBefore, ...(copiedFrom === undefined ? {} : { copiedFrom }) });
  }
  return entries;
}

/** The change line at token i, if that token is one (a header starts with a hash, never ':'). */
function rawAt(tokens: string[], i: number): string | null {
  const token = tokens[i]?.replace(/^\n/, '');
  return token?.startsWith(':') ? token : null;
}

/** Where the file was (from the top level) after each entry, walking back through renames. */
function pathsAfter(entries: LogEntry[], newestPath: string): (string | null)[] {
  let current: string | null = newestPath;
  return entries.map((entry) => {
    const after: string | null = entry.pathAfter === undefined ? current : entry.pathAfter;
    current = entry.pathBefore ?? after;
    return after;
  });
}

/** Blob id and size of the file after each entry, with one `cat-file --batch-check` for all. */
async function objectsAt(git: GitRunner, entries: LogEntry[], paths: (string | null)[]): Promise<Array<{ blob: string | null; size: number }>> {
  // A path with a newline cannot be written on a batch line: counted as 0 rather than misread.
  const names = entries.map((entry, i) => {
    const after = paths[i];
    return after === null || after === undefined || after.includes('\n') ? null : `${entry.commit}:${after}`;
  });
  const asked = names.filter((name): name is string => name !== null);
  const none = { blob: null, size: 0 };
  if (asked.length === 0) return names.map(() => none);
  const lines = (await git.run(['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], { stdin: `${asked.join('\n')}\n` })).split('\n');
  let next = 0;
  return names.map((name) => {
    if (name === null) return none;
    const match = /^([0-9a-f]+) blob (\d+)$/.exec(lines[next++] ?? '');
    return match ? { blob: match[1]!, size: Number(match[2]) } : none;
  });
}
