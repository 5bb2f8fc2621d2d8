// Markdown rendering of fiche bodies: raw HTML off, unsafe URL schemes neutralised by
// markdown-it's validateLink, wiki links, heading anchors, and user links marked nofollow.
// parseBody also yields what the index needs from a body: its plain text and its wiki links
// with their line numbers (same parser as the rendering, so both always agree).
import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import { foldText } from '../analysis/french.js';
import { wikiLinksPlugin, type RenderEnv, type WikiLinkMeta } from './wiki-links.js';

export interface WikiLinkUse {
  slug: string;
  /** 1-based line in the body. */
  line: number;
}

export interface ParsedBody {
  text: string;
  wikiLinks: WikiLinkUse[];
}

export function slugifyHeading(text: string): string {
  const slug = foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

function createMarkdown(): MarkdownItInstance {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.use(wikiLinksPlugin);
  md.use(anchor, { slugify: slugifyHeading, tabIndex: false, permalink: anchor.permalink.headerLink() });
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx]!.attrGet('href') ?? '');
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) tokens[idx]!.attrSet('rel', 'nofollow noopener ugc');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const md = createMarkdown();
// Reading a body for the index needs its text and wiki links only: no anchors, no linkify
// (half the cost of a parse), same wiki-link rule so that both always agree.
const mdForText = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(wikiLinksPlugin);

export function parseBody(body: string): ParsedBody {
  const tokens = mdForText.parse(body, {});
  const wikiLinks: WikiLinkUse[] = [];
  const text: string[] = [];
  for (const block of tokens) {
    if (block.type === 'inline') {
      let line = (block.map?.[0] ?? 0) + 1;
      const parts: string[] = [];
      for (const child of block.children ?? []) {
        if (child.type === 'softbreak' || child.type === 'hardbreak') {
          line++;
          parts.push('\n');
        } else if (child.type === 'wikilink') {
          const meta = child.meta as unknown as WikiLinkMeta;
          wikiLinks.push({ slug: meta.slug, line });
          parts.push(meta.text || meta.slug.replace(/-/g, ' '));
        } else if (child.type === 'text' || child.type === 'code_inline') {
          parts.push(child.content);
        } else if (child.type === 'image') {
          parts.push(child.content);
        }
      }
      text.push(parts.join(''));
    } else if (block.type === 'fence' || block.type === 'code_block') {
      text.push(block.content.trimEnd());
    }
  }
  return { text: text.join('\n'), wikiLinks };
}

export function renderBody(body: string, env: RenderEnv): string {
  const markdownEnv: Record<string, unknown> = { ...env };
  return md.renderer.render(md.parse(body, markdownEnv), md.options, markdownEnv);
}
