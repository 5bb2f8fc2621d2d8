// An Atom 1.0 document (RFC 4287) from a feed model. Every value goes through xmlText; the
// element names are ours. Summaries are plain text (`type="text"`): no markup of a commit
// message ever reaches a feed reader as HTML.
import { xmlText } from './xml-text.js';

export interface AtomEntry {
  /** A permanent IRI. */
  id: string;
  title: string;
  /** RFC 3339 date. */
  updated: string;
  author: string;
  /** Absolute URL of the page the entry is about. */
  link: string;
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  /** RFC 3339 date: the newest entry's, or the given fallback when there is none. */
  updated: string;
  /** Absolute URL of the feed itself, and of the HTML page it follows. */
  self: string;
  alternate: string;
  author: string;
  entries: AtomEntry[];
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

export function atomDocument(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>`,
    `  <updated>${xmlText(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    ...feed.entries.flatMap((entry) => [
      '  <entry>',
      `    <id>${xmlText(entry.id)}</id>`,
      `    <title type="text">${xmlText(entry.title)}</title>`,
      `    <updated>${xmlText(entry.updated)}</updated>`,
      `    <author><name>${xmlText(entry.author)}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(entry.link)}"/>`,
      `    <summary type="text">${xmlText(entry.summary)}</summary>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}
