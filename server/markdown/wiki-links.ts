// markdown-it plugin for wiki links: `[[slug]]` and `[[slug|texte]]` become `wikilink` tokens.
// The renderer asks env.resolveFiche for the target, so a link to a fiche that is missing
// (or not visible to the reader) is shown as missing rather than as a dead link.
import type { MarkdownIt, StateInline } from 'markdown-it';

export interface WikiLinkTarget {
  url: string;
  titre: string;
}

export interface RenderEnv {
  resolveFiche?: (slug: string) => WikiLinkTarget | null;
  missingTitle?: (slug: string) => string;
}

export interface WikiLinkMeta {
  slug: string;
  text: string;
}

const MAX_INNER = 300;

function wikiLinkRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x5b || src.charCodeAt(pos + 1) !== 0x5b) return false;
  // Searched within MAX_INNER only: an unbounded search from every `[[` of a text full of them
  // made rendering quadratic (250,000 × `[[` took 3.4 s).
  const end = src.slice(pos + 2, pos + 2 + MAX_INNER + 2).indexOf(']]');
  if (end < 0) return false;
  return acceptWikiLink(state, silent, pos + 2 + end);
}

function acceptWikiLink(state: StateInline, silent: boolean, end: number): boolean {
  const { src, pos } = state;
  const inner = src.slice(pos + 2, end);
  if (/[\n[\]]/.test(inner)) return false;
  const bar = inner.indexOf('|');
  const slug = (bar >= 0 ? inner.slice(0, bar) : inner).trim();
  const text = bar >= 0 ? inner.slice(bar + 1).trim() : '';
  if (slug === '') return false;
  if (!silent) {
    const token = state.push('wikilink', '', 0);
    token.meta = { slug, text } satisfies WikiLinkMeta;
  }
  state.pos = end + 2;
  return true;
}

export function wikiLinksPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('link', 'wikilink', wikiLinkRule);
  md.renderer.rules.wikilink = (tokens, idx, _options, renderEnv) => {
    const env = (renderEnv ?? {}) as RenderEnv;
    const { slug, text } = tokens[idx]!.meta as unknown as WikiLinkMeta;
    const escape = md.utils.escapeHtml;
    const target = env.resolveFiche?.(slug) ?? null;
    if (target) return `<a class="lien-wiki" href="${escape(target.url)}">${escape(text || target.titre)}</a>`;
    const title = env.missingTitle?.(slug) ?? slug;
    return `<span class="lien-wiki lien-manquant" title="${escape(title)}">${escape(text || slug)}</span>`;
  };
}
