// Personal access tokens for the API (`Authorization: Bearer fac_…`). The token is shown once;
// only its SHA-256 is stored, so a copy of the database gives no usable token. A plain hash is
// enough here (unlike passwords): the token is 256 random bits, nothing to guess, and the
// lookup by hash goes through the index without comparing secrets in JavaScript.
import { createHash, randomBytes } from 'node:crypto';
import { inImmediateTransaction, type ForgeDb } from '../forge-db/connect.js';
import { AccountError } from './account-error.js';
import { checkLibelle } from './account-fields.js';
import { findCompteById } from './accounts-repository.js';
import { toAccount, type Account } from './accounts.js';
import { findUsableJeton, insertJeton, listJetons, revokeJeton, touchJeton } from './tokens-repository.js';

export const TOKEN_PREFIX = 'fac_';
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^fac_[A-Za-z0-9_-]{43}$/;
/** `dernier_usage` is a hint for people, not an audit log: one write a minute per token at most. */
const USAGE_RESOLUTION_MS = 60_000;

export interface TokenInfo {
  id: number;
  libelle: string;
  creeLe: string;
  dernierUsage: string | null;
  revoqueLe: string | null;
}

export async function createToken(
  forgeDb: ForgeDb,
  accountId: number,
  libelle: string,
  now: Date = new Date(),
): Promise<{ id: number; token: string }> {
  const checkedLibelle = checkLibelle(libelle);
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
  const id = await inImmediateTransaction(forgeDb, async (trx) => {
    const compte = await findCompteById(trx, accountId);
    if (!compte) throw new AccountError('compte_introuvable');
    if (!compte.actif) throw new AccountError('compte_inactif');
    return insertJeton(trx, { compte_id: accountId, libelle: checkedLibelle, empreinte: digest(token), cree_le: now.toISOString() });
  });
  return { id, token };
}

/** The active account a token belongs to, or null (malformed, unknown, revoked, deactivated). */
export async function findAccountByToken(forgeDb: ForgeDb, token: string, now: Date = new Date()): Promise<Account | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const found = await findUsableJeton(forgeDb.db, digest(token));
  if (!found) return null;
  const unchangedSince = new Date(now.getTime() - USAGE_RESOLUTION_MS).toISOString();
  if (found.dernier_usage === null || found.dernier_usage < unchangedSince) {
    await recordUse(forgeDb, found.jeton_id, now.toISOString(), unchangedSince);
  }
  return toAccount(found.compte);
}

/** True when the token was revoked now; false when this account has no such unrevoked token. */
export async function revokeToken(forgeDb: ForgeDb, accountId: number, tokenId: number, now: Date = new Date()): Promise<boolean> {
  return revokeJeton(forgeDb.db, accountId, tokenId, now.toISOString());
}

export async function listTokens(forgeDb: ForgeDb, accountId: number): Promise<TokenInfo[]> {
  return (await listJetons(forgeDb.db, accountId)).map((row) => ({
    id: row.id,
    libelle: row.libelle,
    creeLe: row.cree_le,
    dernierUsage: row.dernier_usage,
    revoqueLe: row.revoque_le,
  }));
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A request must not fail because its usage time could not be written while another process
 * held the write lock beyond the busy timeout. */
async function recordUse(forgeDb: ForgeDb, id: number, now: string, unchangedSince: string): Promise<void> {
  try {
    await touchJeton(forgeDb.db, id, now, unchangedSince);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
  }
}
