import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { SAMPLE_CONTENT } from '../helpers/content.js';

describe('the sample content through the API', () => {
  it('lists the public fiches with facets', async () => {
    await withApp({ contentDir: SAMPLE_CONTENT }, async (app) => {
      const res = await app.inject('/api/fiches');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBeGreaterThanOrEqual(40);
      expect(body.facettes.type.map((v: { id: string }) => v.id)).toEqual(['commun', 'outil', 'methode', 'retour-experience']);
      expect(body.facettes.relations).toBeUndefined();
    });
  });
});

describe('a large content folder', () => {
  it('may take longer than Fastify’s default 10 s plugin timeout to build at first start', async () => {
    await withApp({ contentDir: SAMPLE_CONTENT }, async (app) => {
      // 50,000 fiches took 45–54 s to index here; with the default the server refused to start.
      expect(app.initialConfig.pluginTimeout).toBe(0);
    });
  });
});
