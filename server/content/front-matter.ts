// The one wrapper around gray-matter. gray-matter evaluates `---js` front matter with eval, and
// `engines: {js: false}` does not stop it: so the opening line is checked here first (only
// `---`, `---yaml`, `---yml` pass), every other engine is replaced by one that refuses, and
// YAML goes through parseYamlFast (lines are only looked up when a problem needs one).
import matter from 'gray-matter';
import { MAX_YAML_BYTES, parseYamlFast, type YamlProblem } from './yaml-safe.js';

export interface SplitFiche {
  /** The front matter as parsed (undefined when it could not be parsed). */
  data: Record<string, unknown> | undefined;
  /** The YAML text, whose line n is line n of the file (for lineOfPointer). */
  frontMatterText: string;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  problems: YamlProblem[];
}

const OPENING = /^---[ \t]*(?:(yaml|yml)[ \t]*)?$/;
const CLOSING = /\n---[ \t]*(\n|$)/;

const refuse = () => {
  throw new Error('front matter language refused');
};
const REFUSING_ENGINES = Object.fromEntries(
  ['js', 'javascript', 'coffee', 'coffeescript', 'cson', 'json', 'toml', 'JS', 'JavaScript'].map((name) => [
    name,
    { parse: refuse, stringify: refuse },
  ]),
);

export function splitFrontMatter(source: string): SplitFiche {
  // One line-break convention for every later step (CRLF files from Windows editors).
  const text = (source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).replace(/\r\n?/g, '\n');
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  if (!firstLine.startsWith('---')) {
    return failed(text, 1, 'le fichier doit commencer par un front matter YAML entre deux lignes « --- »');
  }
  if (!OPENING.test(firstLine)) {
    const language = firstLine.slice(3).trim();
    return failed(text, 1, `front matter « ${language} » refusé : seul le YAML est accepté (la ligne d’ouverture doit être « --- »)`);
  }

  if (!CLOSING.test(text.slice(firstLine.length))) {
    return failed(text, 1, 'front matter non fermé : ajoutez une ligne « --- » après les métadonnées');
  }
  // gray-matter closes at the first line that merely starts with `---` (`----`, `---x`): the
  // rest of the metadata then silently became body text. Refuse such a line instead.
  const firstDashes = text.indexOf('\n---', firstLine.length);
  const dashesEnd = text.indexOf('\n', firstDashes + 1);
  const dashesLine = text.slice(firstDashes + 1, dashesEnd === -1 ? undefined : dashesEnd);
  if (!/^---[ \t]*$/.test(dashesLine)) {
    const line = countLines(text.slice(0, firstDashes + 1)) + 1;
    return failed(text, line, `ligne « ${dashesLine.slice(0, 40)} » : une ligne qui commence par « --- » ferme le front matter ; écrivez « --- » seul sur la ligne`);
  }

  let parsed: ReturnType<typeof parseYamlFast> | undefined;
  let file;
  try {
    file = matter(text, {
      language: 'yaml',
      engines: {
        ...REFUSING_ENGINES,
        yaml: {
          parse: (yamlText: string) => {
            parsed = parseYamlFast(yamlText);
            return {};
          },
          stringify: refuse,
        },
      },
    } as unknown as Parameters<typeof matter>[1]);
  } catch {
    return failed(text, 1, 'front matter illisible');
  }
  if (Buffer.byteLength(file.matter ?? '', 'utf8') > MAX_YAML_BYTES) {
    return failed(text, 1, `le front matter dépasse ${MAX_YAML_BYTES / 1024} Kio : refusé`);
  }
  const body = file.content;
  const bodyLine = countLines(text.slice(0, text.length - body.length)) + 1;
  // gray-matter hands the engine the text right after the opening `---` (starting with its
  // newline), so YAML line n is file line n.
  const result = parsed ?? { data: {}, problems: [] };
  const frontMatterText = file.matter ?? '';
  const data = result.data ?? (result.problems.length ? undefined : {});
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    return { data: undefined, frontMatterText, body, bodyLine, problems: [{ line: 2, message: 'le front matter doit être une table de clés : valeurs' }] };
  }
  return { data: data as Record<string, unknown> | undefined, frontMatterText, body, bodyLine, problems: result.problems };
}

function failed(text: string, line: number, message: string): SplitFiche {
  return { data: undefined, frontMatterText: '', body: '', bodyLine: countLines(text) + 1, problems: [{ line, message }] };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
