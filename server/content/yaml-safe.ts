// The YAML parsing of the forge: YAML 1.2 core schema (dates stay strings, 012 stays 12),
// unique keys, bounded aliases, size and depth. Two paths over the same rules:
// - parseYamlFast (js-yaml, ~20 µs for a front matter) for every fiche read;
// - parseYamlSafe (the `yaml` package, ~200 µs, with a map from JSON pointer to source line) for
//   vocabulary files and whenever a problem needs its line or a precise French message.
import jsyaml from 'js-yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export const MAX_YAML_BYTES = 64 * 1024;
const MAX_ALIASES = 50;
const MAX_DEPTH = 64;
/** Values a document may hold once aliases are expanded (a fiche has a few dozen). */
const MAX_EXPANDED_NODES = 10_000;
const TOO_MANY_ALIASES = 'trop d’alias YAML (protection contre les « bombes » d’alias) : refusé';

export interface YamlProblem {
  line: number;
  message: string;
}

export interface ParsedYaml {
  data: unknown;
  /** JSON pointer (`/liens/voir_aussi/0`) → 1-based line, relative to the parsed text. */
  lines: Record<string, number>;
  problems: YamlProblem[];
}

/** Refuses what neither parser should be given: too big, or nested too deep for a recursive parser. */
function refuseBeforeParsing(text: string): ParsedYaml | null {
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    return failure(1, `le YAML dépasse ${MAX_YAML_BYTES / 1024} Kio : refusé`);
  }
  const depth = flowDepth(text);
  if (depth > MAX_DEPTH) return failure(1, `le YAML est imbriqué trop profondément (plus de ${MAX_DEPTH} niveaux) : refusé`);
  return null;
}

/**
 * The data of a YAML text, fast; no line map. js-yaml keeps aliases as shared references, so the
 * expanded size is bounded here before anything walks or serialises the result.
 */
export function parseYamlFast(text: string): Omit<ParsedYaml, 'lines'> {
  const refused = refuseBeforeParsing(text);
  if (refused) return refused;
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch (error) {
    // An invalid text: the detailed parser says where and why, in French.
    const detailed = parseYamlSafe(text);
    if (detailed.problems.length > 0) return detailed;
    const mark = (error as { mark?: { line?: number } }).mark;
    return failure((mark?.line ?? 0) + 1, `YAML invalide : ${(error as { reason?: string }).reason ?? 'structure incorrecte'}`);
  }
  if (expandedSize(data, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) return failure(1, TOO_MANY_ALIASES);
  return { data, problems: [] };
}

/** Number of values once shared references are expanded, counting no further than `limit`. */
function expandedSize(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const current = stack.pop();
    count++;
    if (current && typeof current === 'object') for (const child of Object.values(current)) stack.push(child);
  }
  return count;
}

/** The data of a YAML text with a line for every JSON pointer (slower; see parseYamlFast). */
export function parseYamlSafe(text: string): ParsedYaml {
  const refused = refuseBeforeParsing(text);
  if (refused) return refused;

  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { schema: 'core', uniqueKeys: true, lineCounter, prettyErrors: false, strict: true });
  } catch (error) {
    return failure(1, `YAML illisible : ${(error as Error).message}`);
  }
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    return {
      data: undefined,
      lines: {},
      problems: doc.errors.map((e) => ({ line: lineOf(e.pos[0]), message: `YAML invalide : ${describeYamlError(e.code, e.message)}` })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = /alias/i.test((error as Error).message) ? TOO_MANY_ALIASES : `YAML illisible : ${(error as Error).message}`;
    return failure(1, message);
  }
  const lines: Record<string, number> = {};
  if (doc.contents) recordLines(doc.contents as Node, '', lines, lineOf, 0);
  return { data, lines, problems: [] };
}

function failure(line: number, message: string): ParsedYaml {
  return { data: undefined, lines: {}, problems: [{ line, message }] };
}

/** Cheap upper bound of flow/indent nesting, checked before the recursive parser runs. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  // Compact block notation nests without indentation or brackets: `- - - - v` and `? ? ? v`
  // are 10,000 levels deep on one line; the parser then overflows the stack, and a second such
  // file in the same process killed it (V8 fatal OOM while compiling a RegExp near the stack
  // limit). So indicators at the start of a line count like the indentation they stand for.
  const indents = text.match(/^(?:[ \t]|[-?:](?=[ \t]|$))*/gm) ?? [];
  const indentDepth = indents.reduce((m, s) => Math.max(m, s.length), 0) / 2;
  return Math.max(max, indentDepth);
}

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'clé en double';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return `structure incorrecte (${first})`;
    case 'MULTILINE_IMPLICIT_KEY':
      return 'clé sur plusieurs lignes : vérifiez les « : » et mettez la valeur entre guillemets';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'un « : » inattendu : mettez la valeur entre guillemets';
    default:
      return first;
  }
}

function recordLines(
  node: Node,
  pointer: string,
  lines: Record<string, number>,
  lineOf: (offset: number | undefined) => number,
  depth: number,
): void {
  if (depth > MAX_DEPTH || isAlias(node)) return;
  if (node.range) lines[pointer === '' ? '' : pointer] ??= lineOf(node.range[0]);
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      // A collection used as a key (`? [a]`, `? ? ? v`) never names a front-matter key, and
      // stringifying it here made pointers double at each level (8 s at 30 levels, then a
      // RangeError that gray-matter turned into « front matter illisible »).
      if (!isScalar(item.key)) continue;
      const key = String(item.key.value);
      const childPointer = `${pointer}/${escapePointer(key)}`;
      const keyNode = item.key as Node | null;
      lines[childPointer] = lineOf(keyNode?.range?.[0]);
      if (item.value && typeof item.value === 'object' && 'range' in item.value) {
        recordLines(item.value as Node, childPointer, lines, lineOf, depth + 1);
        lines[childPointer] = lineOf(keyNode?.range?.[0]);
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (item && typeof item === 'object' && 'range' in item) {
        recordLines(item as Node, `${pointer}/${index}`, lines, lineOf, depth + 1);
      }
    });
  }
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The line of a JSON pointer, or of its nearest enclosing key when it names nothing. */
export function nearestLine(lines: Record<string, number>, pointer: string): number {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const line = lines[p];
    if (line !== undefined) return line;
    if (p === '') return 1;
  }
}
