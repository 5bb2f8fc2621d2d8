// The one shape of a content problem, before it gets its file path.

export interface LineProblem {
  line: number;
  message: string;
}

export interface Problem extends LineProblem {
  severity: 'erreur' | 'avertissement';
}

/** A problem as printed by `npm run validate` and listed by the API: `path:line: message`. */
export interface LocatedProblem extends Problem {
  path: string;
}

export function formatProblem(problem: LocatedProblem): string {
  const prefix = problem.severity === 'avertissement' ? 'avertissement : ' : '';
  return `${problem.path}:${problem.line}: ${prefix}${problem.message}`;
}
