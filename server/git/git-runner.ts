// Runs git commands through simple-git with a fixed environment, so that the machine's git
// configuration never matters: no system or global config (HOME and XDG_CONFIG_HOME point to
// /dev/null, where git finds no file), C locale, no pager, no prompt, the forge as committer.
// Each call gets its own simple-git instance: its environment (the author) and standard input
// (a commit message) belong to that call only. Callers pass user text only as standard input
// or as paths after `--`, never where git could read it as an option.
// simple-git waits 50 ms more after a command that printed nothing (measured: 80 ms instead of
// 30 for one `git add`), so commands that can report what they did are not run with --quiet
// (add --verbose, commit, rm).
import { GitError, simpleGit } from 'simple-git';

export const FORGE_COMMITTER_NAME = 'Forge à communs';
export const FORGE_COMMITTER_EMAIL = 'forge@localhost';

export interface GitIdentity {
  nom: string;
  email: string;
}

export const FORGE_IDENTITY: GitIdentity = { nom: FORGE_COMMITTER_NAME, email: FORGE_COMMITTER_EMAIL };

/**
 * A git command that exited with a non-zero status. It extends simple-git's GitError because
 * simple-git replaces any other error by a GitError carrying only its text.
 */
export class GitCommandFailure extends GitError {
  constructor(
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(undefined, `git exited with status ${exitCode}: ${stderr.trim().slice(0, 500)}`);
    this.name = 'GitCommandFailure';
  }
}

export interface GitRunOptions {
  /** Written to the command's standard input (commit messages, cat-file batches). */
  stdin?: string;
  /** The author of a commit; the forge itself otherwise. */
  author?: GitIdentity;
  /** False for the few commands that refuse `--literal-pathspecs` (check-ignore). */
  literalPathspecs?: boolean;
}

export interface GitRunner {
  /** Standard output of the command; rejects with GitCommandFailure on a non-zero exit. */
  run(args: string[], options?: GitRunOptions): Promise<string>;
}

/**
 * Settings given with `-c` on every command, above the repository's own configuration: a
 * repository set to sign commits must not make the server hang on a passphrase; automatic
 * garbage collection runs inside the command (so inside our queue) rather than detached.
 */
const FIXED_CONFIG = [
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'log.showSignature=false',
  'core.quotePath=false',
  'i18n.logOutputEncoding=UTF-8',
  'gc.autoDetach=false',
  // Full hashes in `git commit`'s summary line, read by commitHashOf.
  'core.abbrev=no',
];

const GIT_VARIABLES = [
  'GIT_CONFIG_NOSYSTEM',
  'GIT_TERMINAL_PROMPT',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
];

export function createGitRunner(baseDir: string): GitRunner {
  return {
    async run(args, options = {}) {
      const stdin = options.stdin;
      const git = simpleGit({
        baseDir,
        maxConcurrentProcesses: 1,
        config: FIXED_CONFIG,
        allowEnvironment: GIT_VARIABLES,
        ...(stdin === undefined ? {} : { input: () => stdin }),
        errors: (error, result) =>
          result.exitCode === 0 ? error : new GitCommandFailure(result.exitCode, Buffer.concat(result.stdErr).toString('utf8')),
      });
      git.env(gitEnvironment(options.author ?? FORGE_IDENTITY));
      // --literal-pathspecs: a path is a path (no `*`, no `:(top)` magic), whatever it contains.
      const literal = options.literalPathspecs === false ? [] : ['--literal-pathspecs'];
      return git.raw(['--no-pager', ...literal, ...args]);
    },
  };
}

function gitEnvironment(author: GitIdentity): Record<string, string> {
  const environment: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: '/dev/null',
    XDG_CONFIG_HOME: '/dev/null',
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: author.nom,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: FORGE_COMMITTER_NAME,
    GIT_COMMITTER_EMAIL: FORGE_COMMITTER_EMAIL,
  };
  // Commit dates carry the server's UTC offset.
  if (process.env.TZ) environment.TZ = process.env.TZ;
  return environment;
}
