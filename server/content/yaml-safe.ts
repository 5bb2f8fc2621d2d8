// The one YAML parser of the forge: YAML 1.2 core schema (dates stay strings, 012 stays 12),
// unique keys, bounded aliases and size, and a map from JSON pointer to source line so that
// every problem can be reported as `path:line: message`.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export const MAX_YAML_BYTES = 64 * 1024;
const MAX_ALIASES = 50;
const MAX_DEPTH = 64;

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

export function parseYamlSafe(text: string): ParsedYaml {
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    return failure(1, `le YAML dépasse ${MAX_YAML_BYTES / 1024} Kio : refusé`);
  }
  const depth = flowDepth(text);
  if (depth > MAX_DEPTH) return failure(1, `le YAML est imbriqué trop profondément (plus de ${MAX_DEPTH} niveaux) : refusé`);

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
    const message = /alias/i.test((error as Error).message)
      ? 'trop d’alias YAML (protection contre les « bombes » d’alias) : refusé'
      : `YAML illisible : ${(error as Error).message}`;
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
