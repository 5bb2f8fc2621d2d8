// GET /api/ontologie and GET /api/ontologie/:vocabulaire.
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors.js';
import { presentVocabularies, presentVocabulary } from '../../presenters/ontology-json.js';

const ontologyRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/ontologie', async () => presentVocabularies(app.catalogue));

  app.get<{ Params: { vocabulaire: string } }>('/api/ontologie/:vocabulaire', async (request) => {
    const vocabulary = app.catalogue.ontology.vocabulary(request.params.vocabulaire);
    if (!vocabulary) throw new AppError('vocabulaire_introuvable');
    return presentVocabulary(app.catalogue, vocabulary);
  });
};

export default ontologyRoutes;
