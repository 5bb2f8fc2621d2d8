// The texts of many blobs with one `git cat-file --batch`, instead of one git process each (a
// page of recent changes needs dozens). The batch output gives each object's size in bytes,
// while the runner hands back decoded text: the output is re-encoded to find the boundaries,
// which is exact for UTF-8 files. Every header is checked against the id asked for; from the
// first one that does not match (a file that is not UTF-8), the rest are read one by one.
import type { GitRunner } from './git-runner.js';

const BLOB_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Text of each blob id that names a blob; ids that are malformed or absent are left out. */
export async function readBlobTexts(git: GitRunner, ids: string[]): Promise<Map<string, string>> {
  const asked = [...new Set(ids)].filter((id) => BLOB_ID.test(id));
  const texts = new Map<string, string>();
  if (asked.length === 0) return texts;
  const output = Buffer.from(await git.run(['cat-file', '--batch'], { stdin: `${asked.join('\n')}\n` }), 'utf8');
  let offset = 0;
  let next = 0;
  for (; next < asked.length; next++) {
    const id = asked[next]!;
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    const header = output.toString('utf8', offset, headerEnd);
    if (header === `${id} missing`) {
      offset = headerEnd + 1;
      continue;
    }
    const match = new RegExp(`^${id} (\\w+) (\\d+)$`).exec(header);
    if (!match) break;
    const end = headerEnd + 1 + Number(match[2]);
    if (output[end] !== 0x0a) break;
    if (match[1] === 'blob') texts.set(id, output.toString('utf8', headerEnd + 1, end));
    offset = end + 1;
  }
  for (const id of asked.slice(next)) {
    const text = await readOneBlob(git, id);
    if (text !== null) texts.set(id, text);
  }
  return texts;
}

async function readOneBlob(git: GitRunner, id: string): Promise<string | null> {
  const output = await git.run(['cat-file', '--batch'], { stdin: `${id}\n` });
  const headerEnd = output.indexOf('\n');
  if (!/^[0-9a-f]+ blob \d+$/.test(output.slice(0, headerEnd))) return null;
  // The content follows the header line and is itself followed by one newline.
  return output.slice(headerEnd + 1, -1);
}
