// Server-side templates (eta, escaping by default) from web/views, and reply.view().
import path from 'node:path';
import fp from 'fastify-plugin';
import { Eta } from 'eta';
import { messages } from '../i18n/messages.js';

declare module 'fastify' {
  interface FastifyReply {
    view(template: string, model: object, status?: number): FastifyReply;
  }
}

export default fp<{ rootDir: string }>(
  async (app, { rootDir }) => {
    const eta = new Eta({ views: path.join(rootDir, 'web', 'views'), cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
    app.decorateReply('view', function view(this: import('fastify').FastifyReply, template: string, model: object, status = 200) {
      const html = eta.render(template, { ...model, t: messages });
      return this.status(status).type('text/html; charset=utf-8').send(html);
    });
  },
  { name: 'views' },
);
