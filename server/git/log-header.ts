// The header of one commit in `git log -z --raw` output made with COMMIT_LOG_FORMAT: fields
// separated by 0x1f, message last (so it may hold anything but NUL), shared by the history of a
// file and the recent changes of the folder.
export const COMMIT_LOG_FORMAT = '--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%B';
const FIELD = '\x1f';

export interface CommitHeader {
  commit: string;
  auteur: string;
  email: string;
  /** Author date, strict ISO 8601. */
  date: string;
  message: string;
}

/** Null for the empty token git leaves between records. */
export function parseCommitHeader(token: string): CommitHeader | null {
  const header = token.replace(/^\n/, '');
  if (header === '') return null;
  const [commit = '', auteur = '', email = '', date = '', ...rest] = header.split(FIELD);
  // Git ends most messages with a newline of its own; a message stored verbatim may not.
  return { commit, auteur, email, date, message: rest.join(FIELD).replace(/\n$/, '') };
}
