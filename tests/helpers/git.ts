// git as a human would run it in a test's temp folders (to build fixtures and to look at what
// the forge committed), isolated from the machine's configuration like the forge itself.
import { execFileSync } from 'node:child_process';

export const HUMAN = { name: 'Humaine Test', email: 'humaine@example.org' };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: '/dev/null',
      XDG_CONFIG_HOME: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      LANG: 'C',
      GIT_AUTHOR_NAME: HUMAN.name,
      GIT_AUTHOR_EMAIL: HUMAN.email,
      GIT_COMMITTER_NAME: HUMAN.name,
      GIT_COMMITTER_EMAIL: HUMAN.email,
    },
  });
}

/** A new repository on branch main, with the given files committed by the human. */
export function humanRepository(dir: string): void {
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--allow-empty', '--message=Dépôt humain');
}

/** Number of commits reachable from HEAD. */
export function commitCount(dir: string): number {
  return Number(git(dir, 'rev-list', '--count', 'HEAD').trim());
}
