// The body of a draft (edit form preview, live preview) rendered exactly as its fiche page will
// render it: wiki links resolve to public fiches only, so a preview reveals no private title.
import { messages } from '../i18n/messages.js';
import type { Catalogue } from '../index/catalogue.js';
import { renderBody } from '../markdown/renderer.js';
import { visibleTarget } from './read-fiche-detail.js';

export function renderDraftBody(catalogue: Catalogue, body: string): string {
  return renderBody(body, { resolveFiche: (slug) => visibleTarget(catalogue, slug), missingTitle: (slug) => messages.fiche.lienManquant(slug) });
}
