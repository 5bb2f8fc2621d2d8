// One burst of concurrent saves through the write API, cut short by the server's death: a chain
// of PUTs (If-Match) per target fiche, a chain of new fiches by the editor (commits) and one of
// new fiches by a contributor (propositions: rows of forge.sqlite). Each chain waits for its
// answer before the next request, so at the moment of the kill each chain has at most one
// request in flight, whose outcome is unknown; every answered save is acknowledged and must
// survive the crash.
import { randomInt } from 'node:crypto';

export interface BurstState {
  /** The revision each fiche must have on disk after the crash, unless a save of it was in flight. */
  expected: Map<string, string>;
  /** Slugs with a request sent and not answered when the server died. */
  inFlight: Set<string>;
  /**
   * Slugs whose unanswered save of an earlier tour may have been written without being
   * committed: the file may differ from HEAD until a later save of it is answered (committed).
   */
  uncertain: Set<string>;
  /** Propositions whose id the server answered with. */
  propositions: number[];
  attempted: number;
  acknowledged: number;
  /** Answers no save should get (5xx, unexpected 4xx). */
  problems: string[];
}

interface Burst {
  baseUrl: string;
  tour: number;
  editorToken: string;
  contributorToken: string;
  state: BurstState;
  stopped: boolean;
}

export function newBurstState(expected: Map<string, string>, uncertain: Set<string>): BurstState {
  return { expected, inFlight: new Set(), uncertain, propositions: [], attempted: 0, acknowledged: 0, problems: [] };
}

/** Starts the chains; they end by themselves once `stop()` is called or the server is gone. */
export function startBurst(options: Omit<Burst, 'stopped'>, targets: string[]): { stop(): void; done: Promise<void> } {
  const burst: Burst = { ...options, stopped: false };
  const chains = [
    ...targets.map((slug) => putChain(burst, slug)),
    createChain(burst, 'editeur', burst.editorToken),
    createChain(burst, 'contributeur', burst.contributorToken),
  ];
  return { stop: () => (burst.stopped = true), done: Promise.all(chains).then(() => undefined) };
}

/**
 * One save, answered before the burst starts: the first save after a start costs several times
 * a later one (code loaded and compiled on first use), so without it a kill within 300 ms would
 * only ever hit that first save.
 */
export async function warmUp(options: Omit<Burst, 'stopped'>, slug: string): Promise<void> {
  await putChain({ ...options, stopped: false }, slug, 1);
}

async function putChain(burst: Burst, slug: string, limit = Infinity): Promise<void> {
  for (let n = 1; !burst.stopped && n <= limit; n += 1) {
    const revision = burst.state.expected.get(slug) ?? '';
    const version = limit === Infinity ? n : 0;
    const reply = await send(burst, slug, 'PUT', `/api/fiches/${slug}`, burst.editorToken, ficheBody(`Cible ${slug}`, burst.tour, version), { 'if-match': `"${revision}"` });
    if (!reply) return;
    if (reply.status === 200 && typeof reply.body.revision === 'string') acknowledge(burst, slug, reply.body.revision);
    else if (reply.status === 409 && typeof reply.body.revision === 'string') burst.state.expected.set(slug, reply.body.revision);
    else burst.state.problems.push(`PUT ${slug} : statut ${reply.status} (${String(reply.body.code)})`);
  }
}

async function createChain(burst: Burst, who: 'editeur' | 'contributeur', token: string): Promise<void> {
  for (let n = 1; !burst.stopped; n += 1) {
    const slug = `panne-${who}-${burst.tour}-${n}`;
    const body = { type: 'outil', slug, ...ficheBody(`Panne ${who} ${burst.tour}.${n}`, burst.tour, n) };
    const reply = await send(burst, slug, 'POST', '/api/fiches', token, body);
    if (!reply) return;
    if (reply.status === 201 && typeof reply.body.revision === 'string') acknowledge(burst, slug, reply.body.revision);
    else if (reply.status === 202 && typeof reply.body.proposition === 'number') {
      burst.state.acknowledged += 1;
      burst.state.propositions.push(reply.body.proposition);
    } else burst.state.problems.push(`POST ${slug} (${who}) : statut ${reply.status} (${String(reply.body.code)})`);
  }
}

function acknowledge(burst: Burst, slug: string, revision: string): void {
  burst.state.acknowledged += 1;
  burst.state.expected.set(slug, revision);
  burst.state.uncertain.delete(slug);
}

/** The answer, or null when the server died before answering (the slug stays "in flight"). */
async function send(burst: Burst, slug: string, method: string, url: string, token: string, body: object, headers: Record<string, string> = {}) {
  burst.state.attempted += 1;
  burst.state.inFlight.add(slug);
  try {
    const reply = await fetch(`${burst.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const parsed = (await reply.json()) as Record<string, unknown>;
    burst.state.inFlight.delete(slug);
    return { status: reply.status, body: parsed };
  } catch {
    return null;
  }
}

/** A whole fiche of random size (a few hundred bytes to ~40 KB): a truncated file shows. */
function ficheBody(titre: string, tour: number, n: number) {
  const lines = Array.from({ length: randomInt(2, 400) }, (_, i) => `Ligne ${i} de la version ${tour}.${n} : du texte pour que le fichier soit long.`);
  return {
    titre,
    resume: `Réécrite au tour ${tour}, sauvegarde ${n}.`,
    licence: 'CC-BY-SA-4.0',
    message: `Test de pannes : tour ${tour}, sauvegarde ${n}`,
    corps: `${lines.join('\n')}\n\nFin de la version ${tour}.${n}.`,
  };
}
