// A strict, minimal XML 1.0 well-formedness check for documents the server writes (feeds): no
// DTD, comments or processing instructions besides the declaration are expected, so any of them
// is reported. And the text of elements, entities decoded, for assertions on what a reader sees.

const FORBIDDEN_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
const TAG = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The problems that make `xml` not well-formed; empty when it is. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (FORBIDDEN_CHAR.test(xml)) problems.push('a character XML 1.0 forbids');
  let rest = xml.replace(/^<\?xml version="1\.0"[^?<>]*\?>/, '');
  const open: string[] = [];
  let roots = 0;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    if (BAD_AMPERSAND.test(text)) problems.push(`unescaped & in text: ${text.slice(0, 60)}`);
    if (text.includes(']]>')) problems.push('"]]>" in text');
    if (open.length === 0 && text.trim() !== '') problems.push(`text outside the root element: ${text.slice(0, 60)}`);
    if (lt < 0) break;
    rest = rest.slice(lt);
    const tag = TAG.exec(rest);
    if (!tag) {
      problems.push(`malformed markup: ${rest.slice(0, 60)}`);
      break;
    }
    const [whole, closing, name, attributes = '', selfClosing] = tag;
    const names = new Set<string>();
    for (const [, attribute, double, single] of attributes.matchAll(ATTRIBUTE)) {
      if (names.has(attribute!)) problems.push(`attribute ${attribute} twice`);
      names.add(attribute!);
      if (BAD_AMPERSAND.test(double ?? single ?? '')) problems.push(`unescaped & in attribute ${attribute}`);
    }
    if (closing) {
      if (attributes.trim() || selfClosing) problems.push(`malformed end tag ${name}`);
      if (open.pop() !== name) problems.push(`end tag ${name} does not close the open element`);
    } else {
      if (open.length === 0 && ++roots > 1) problems.push('more than one root element');
      if (!selfClosing) open.push(name!);
    }
    rest = rest.slice(whole.length);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(' > ')}`);
  if (roots === 0) problems.push('no root element');
  return problems;
}

/** Decoded text of every `<name …>…</name>` element that holds only text. */
export function elementTexts(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`, 'g');
  return [...xml.matchAll(pattern)].map(([, text]) => decodeEntities(text!));
}

/** The `<entry>` elements of an Atom document, as XML strings. */
export function atomEntries(xml: string): string[] {
  return [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map(([entry]) => entry);
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[entity]) return named[entity]!;
    return String.fromCodePoint(entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
  });
}
