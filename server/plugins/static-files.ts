// CSS, scripts and icons from web/public under /static/ (long cache: names change with content).
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

export default fp<{ rootDir: string }>(
  async (app, { rootDir }) => {
    await app.register(fastifyStatic, {
      root: path.join(rootDir, 'web', 'public'),
      prefix: '/static/',
      index: false,
      list: false,
      dotfiles: 'deny',
      maxAge: '1h',
    });
  },
  { name: 'static-files' },
);
