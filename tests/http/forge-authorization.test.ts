// Authorisation as a matrix: every write route × every role × own or other's fiche, with the
// default review policy (nouveaux-et-autres). Decided in one place (forge/authorization.ts).
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { addAccount, type TestAccount } from '../helpers/accounts.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

type Who = 'anonyme' | 'nouveau' | 'confiance' | 'editeur' | 'admin';
const WHO: Who[] = ['anonyme', 'nouveau', 'confiance', 'editeur', 'admin'];
const base = { resume: 'Une fiche pour la matrice.', licence: 'CC-BY-SA-4.0' };

// The contributors are named in `auteurs` of the "own" fiches.
const files: Record<string, string> = {};
for (const who of WHO) {
  files[`outil/propre-${who}.md`] = fiche({ titre: `Propre ${who}`, ...base, auteurs: [`Compte ${who}`] });
  files[`outil/autre-${who}.md`] = fiche({ titre: `Autre ${who}`, ...base, auteurs: ['Quelqu’un d’autre'] });
  files[`outil/nd-${who}.md`] = fiche({ titre: `Sans modification ${who}`, ...base, licence: 'CC-BY-ND-4.0', auteurs: ['Quelqu’un d’autre'] });
  files[`outil/suppr-${who}.md`] = fiche({ titre: `À supprimer ${who}`, ...base });
}

const app = useSharedApp(() => ({ contentDir: contentWithSampleOntology(files), config: { writesPerMinute: 10_000 } }));
const accounts = new Map<Who, TestAccount | null>();

async function accountOf(who: Who): Promise<TestAccount | null> {
  if (!accounts.has(who)) {
    const role = who === 'nouveau' || who === 'confiance' ? 'contributeur' : who === 'anonyme' ? null : who;
    accounts.set(who, role ? await addAccount(app(), role, { nom: `Compte ${who}`, confiance: who === 'confiance' }) : null);
  }
  return accounts.get(who)!;
}

async function send(server: FastifyInstance, who: Who, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, ifMatch?: string) {
  const account = await accountOf(who);
  const headers: Record<string, string> = { ...(account?.auth ?? {}) };
  if (payload) headers['content-type'] = 'application/json';
  if (ifMatch) headers['if-match'] = `"${ifMatch}"`;
  return server.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

async function put(who: Who, slug: string) {
  const current = (await app().inject(`/api/fiches/${slug}`)).json();
  return send(app(), who, 'PUT', `/api/fiches/${slug}`, { titre: current.titre, ...base, licence: current.licence, auteurs: current.auteurs, corps: `Changé par ${who}.` }, current.revision);
}

const EXPECTED: Record<string, Record<Who, number>> = {
  'POST /api/fiches': { anonyme: 401, nouveau: 202, confiance: 201, editeur: 201, admin: 201 },
  'PUT own fiche': { anonyme: 401, nouveau: 202, confiance: 200, editeur: 200, admin: 200 },
  'PUT other’s fiche': { anonyme: 401, nouveau: 202, confiance: 202, editeur: 200, admin: 200 },
  'PUT other’s CC-BY-ND fiche': { anonyme: 401, nouveau: 403, confiance: 403, editeur: 200, admin: 200 },
  'DELETE /api/fiches/:slug': { anonyme: 401, nouveau: 403, confiance: 403, editeur: 204, admin: 204 },
  'POST /api/propositions/:id/accepter': { anonyme: 401, nouveau: 403, confiance: 403, editeur: 200, admin: 200 },
  'POST /api/propositions/:id/rejeter': { anonyme: 401, nouveau: 403, confiance: 403, editeur: 200, admin: 200 },
};

async function proposition(slug: string): Promise<number> {
  const answer = await put('nouveau', slug);
  expect(answer.statusCode).toBe(202);
  return answer.json().proposition;
}

describe('the authorisation matrix', () => {
  for (const who of WHO) {
    it(`${who}: every write route answers as the policy says`, async () => {
      const got: Record<string, number> = {};
      got['POST /api/fiches'] = (await send(app(), who, 'POST', '/api/fiches', { type: 'methode', titre: `Nouvelle par ${who}`, ...base })).statusCode;
      got['PUT own fiche'] = (await put(who, `propre-${who}`)).statusCode;
      got['PUT other’s fiche'] = (await put(who, `autre-${who}`)).statusCode;
      got['PUT other’s CC-BY-ND fiche'] = (await put(who, `nd-${who}`)).statusCode;
      got['DELETE /api/fiches/:slug'] = (await send(app(), who, 'DELETE', `/api/fiches/suppr-${who}`)).statusCode;
      const toAccept = await proposition(`autre-${who}`);
      got['POST /api/propositions/:id/accepter'] = (await send(app(), who, 'POST', `/api/propositions/${toAccept}/accepter`)).statusCode;
      const toReject = await proposition(`propre-${who}`);
      got['POST /api/propositions/:id/rejeter'] = (await send(app(), who, 'POST', `/api/propositions/${toReject}/rejeter`, { motif: 'Hors sujet.' })).statusCode;
      const expected = Object.fromEntries(Object.entries(EXPECTED).map(([route, byWho]) => [route, byWho[who]]));
      expect(got).toEqual(expected);
    });
  }
});
