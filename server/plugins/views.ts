// reply.view(): a page model rendered by the app's page renderer as an HTML reply.
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import type { PageRenderer } from './page-renderer.js';

declare module 'fastify' {
  interface FastifyReply {
    view(template: string, model: object, status?: number): FastifyReply;
  }
}

export default fp<{ renderer: PageRenderer }>(
  async (app, { renderer }) => {
    app.decorateReply('view', function view(this: FastifyReply, template: string, model: object, status = 200) {
      return this.status(status).type('text/html; charset=utf-8').send(renderer.render(template, model));
    });
  },
  { name: 'views' },
);
