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
      // Every page shows who is signed in, with a CSRF token for the sign-out form.
      const account = this.request.account;
      const reader = account ? { compte: { nom: account.nom, role: account.role }, csrf: this.generateCsrf() } : { compte: null, csrf: null };
      return this.status(status).type('text/html; charset=utf-8').send(renderer.render(template, { ...reader, ...model }));
    });
  },
  { name: 'views' },
);
