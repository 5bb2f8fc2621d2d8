// The page renderer (eta, escaping by default) over web/views, with the message catalogue.
// Created once per app in app.ts: the views plugin and the handler of framework errors (which
// run before any plugin's decorations exist) share it.
import path from 'node:path';
import { Eta } from 'eta';
import { messages } from '../i18n/messages.js';

export interface PageRenderer {
  render(template: string, model: object): string;
}

export function createPageRenderer(rootDir: string): PageRenderer {
  const eta = new Eta({ views: path.join(rootDir, 'web', 'views'), cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
  return { render: (template, model) => eta.render(template, { ...model, t: messages }) };
}
