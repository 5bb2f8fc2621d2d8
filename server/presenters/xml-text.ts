// Text for XML 1.0 documents (the Atom feeds). Characters XML 1.0 forbids (C0 controls other
// than tab, LF and CR, lone surrogates, U+FFFE, U+FFFF) make a document ill-formed whatever the
// escaping, so they are dropped; the rest is escaped by the same function the pages use (eta's
// XML escape: & < > " '), which makes text safe in element content and in quoted attributes.
import { Eta } from 'eta';

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const escapeMarkup = new Eta().config.escapeFunction;

/** The text without the characters XML 1.0 forbids (also used for page text: they have no place there). */
export function xmlAllowedText(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/** The text as XML character data or attribute value (to be put between double quotes). */
export function xmlText(text: string): string {
  return escapeMarkup(xmlAllowedText(text));
}
