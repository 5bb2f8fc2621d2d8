// GET /ontologie, /ontologie/:vocabulaire and /ontologie/:vocabulaire/:concept (concept ids of
// hierarchical vocabularies contain slashes). A merged concept redirects to its replacement.
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors.js';
import { conceptUrl } from '../../presenters/pages/format.js';
import { presentConceptPage, presentVocabulariesPage, presentVocabularyPage } from '../../presenters/pages/ontology-pages.js';
import { RELATIONS_VOCABULARY } from '../../ontology/ontology.js';
import { listFiches } from '../../search/list-fiches.js';

const CONCEPT_PAGE_FICHES = 20;

const ontologyPages: FastifyPluginAsync = async (app) => {
  app.get('/ontologie', { config: { pageCache: true } }, async (_request, reply) => reply.view('vocabulaires', presentVocabulariesPage(app.catalogue)));

  app.get<{ Params: { vocabulaire: string } }>('/ontologie/:vocabulaire', { config: { pageCache: true } }, async (request, reply) => {
    const vocabulary = app.catalogue.ontology.vocabulary(request.params.vocabulaire);
    if (!vocabulary) throw new AppError('vocabulaire_introuvable');
    return reply.view('vocabulaire', presentVocabularyPage(app.catalogue, vocabulary));
  });

  app.get<{ Params: { vocabulaire: string; '*': string } }>('/ontologie/:vocabulaire/*', { config: { pageCache: true } }, async (request, reply) => {
    const { ontology } = app.catalogue;
    const vocabulary = ontology.vocabulary(request.params.vocabulaire);
    if (!vocabulary) throw new AppError('vocabulaire_introuvable');
    const conceptId = request.params['*'].replace(/\/+$/, '');
    const concept = ontology.concept(vocabulary.id, conceptId);
    if (!concept) throw new AppError('concept_introuvable');
    if (concept.remplace_par) {
      const target = ontology.resolve(vocabulary.id, concept.id);
      if (target) return reply.redirect(conceptUrl(vocabulary.id, target), 301);
    }
    const fiches =
      vocabulary.id === RELATIONS_VOCABULARY
        ? []
        : (await listFiches(app.catalogue, { q: null, filters: new Map([[vocabulary.id, [concept.id]]]), tri: 'titre', triDemande: null, page: 1, parPage: CONCEPT_PAGE_FICHES })).resultats.map(
            ({ summary }) => ({ titre: summary.titre, url: `/fiches/${summary.slug}` }),
          );
    return reply.view('concept', presentConceptPage(app.catalogue, vocabulary, concept, fiches));
  });
};

export default ontologyPages;
