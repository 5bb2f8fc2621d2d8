// Accounts: creation with validated fields, authentication, role and status changes. What
// leaves this module is an Account, never the password hash.
import { randomBytes } from 'node:crypto';
import { inImmediateTransaction, type ForgeDb } from '../forge-db/connect.js';
import type { Role } from '../forge-db/database.js';
import { AccountError } from './account-error.js';
import { checkNom, checkRole, normalizeEmail } from './account-fields.js';
import * as repository from './accounts-repository.js';
import { DEFAULT_SCRYPT_COST, checkPasswordPolicy, hashPassword, needsRehash, verifyPassword, type ScryptCost } from './password.js';

export interface Account {
  id: number;
  email: string;
  nom: string;
  role: Role;
  creeLe: string;
  actif: boolean;
  /** A trusted contributor's edits are published without review. */
  confiance: boolean;
}

export interface NewAccount {
  email: string;
  nom: string;
  /** Checked here: it usually comes straight from a form or the command line. */
  role: string;
  password: string;
}

export interface PasswordOptions {
  /** The scrypt cost of new hashes (tests pass a low one). */
  cost?: ScryptCost;
}

export async function createAccount(
  forgeDb: ForgeDb,
  input: NewAccount,
  options: PasswordOptions & { now?: Date } = {},
): Promise<Account> {
  const email = normalizeEmail(input.email);
  const nom = checkNom(input.nom);
  const role = checkRole(input.role);
  checkPasswordPolicy(input.password);
  // Checked before hashing for a quick answer, and again under the write lock, which the
  // slow hash must not hold.
  if (await repository.findCompteByEmail(forgeDb.db, email)) throw new AccountError('email_deja_utilise');
  const encoded = await hashPassword(input.password, options.cost);
  const creeLe = (options.now ?? new Date()).toISOString();
  const id = await inImmediateTransaction(forgeDb, async (trx) => {
    if (await repository.findCompteByEmail(trx, email)) throw new AccountError('email_deja_utilise');
    return repository.insertCompte(trx, { email, nom, role, mot_de_passe: encoded, cree_le: creeLe });
  });
  return { id, email, nom, role, creeLe, actif: true, confiance: false };
}

/**
 * The active account with this e-mail and password, or null. An unknown e-mail costs the same
 * scrypt as a known one (against a dummy hash), so timing does not tell which e-mails exist.
 */
export async function authenticate(
  forgeDb: ForgeDb,
  email: string,
  password: string,
  options: PasswordOptions = {},
): Promise<Account | null> {
  const cost = options.cost ?? DEFAULT_SCRYPT_COST;
  const normalized = tryNormalizeEmail(email);
  const credentials = normalized === null ? undefined : await repository.findCredentials(forgeDb.db, normalized);
  const valid = await verifyPassword(password, credentials?.mot_de_passe ?? (await dummyHash(cost)));
  if (!credentials || !valid) return null;
  const row = await repository.findCompteById(forgeDb.db, credentials.id);
  if (!row || !row.actif) return null;
  if (needsRehash(credentials.mot_de_passe, cost)) await rehash(forgeDb, credentials.id, password, cost);
  return toAccount(row);
}

export async function findAccountByEmail(forgeDb: ForgeDb, email: string): Promise<Account | null> {
  const normalized = tryNormalizeEmail(email);
  const row = normalized === null ? undefined : await repository.findCompteByEmail(forgeDb.db, normalized);
  return row ? toAccount(row) : null;
}

export async function findAccountById(forgeDb: ForgeDb, id: number): Promise<Account | null> {
  const row = await repository.findCompteById(forgeDb.db, id);
  return row ? toAccount(row) : null;
}

export async function listAccounts(forgeDb: ForgeDb): Promise<Account[]> {
  return (await repository.listComptes(forgeDb.db)).map(toAccount);
}

export async function setAccountRole(forgeDb: ForgeDb, id: number, role: string): Promise<Account> {
  const checked = checkRole(role);
  return updateThenRead(forgeDb, id, (db) => repository.updateRole(db, id, checked));
}

export async function setAccountActive(forgeDb: ForgeDb, id: number, actif: boolean): Promise<Account> {
  return updateThenRead(forgeDb, id, (db) => repository.updateActif(db, id, actif));
}

export async function setAccountTrusted(forgeDb: ForgeDb, id: number, confiance: boolean): Promise<Account> {
  return updateThenRead(forgeDb, id, (db) => repository.updateConfiance(db, id, confiance));
}

export function toAccount(row: repository.CompteRow): Account {
  return { id: row.id, email: row.email, nom: row.nom, role: row.role, creeLe: row.cree_le, actif: row.actif === 1, confiance: row.confiance === 1 };
}

async function updateThenRead(
  forgeDb: ForgeDb,
  id: number,
  update: (db: ForgeDb['db']) => Promise<boolean>,
): Promise<Account> {
  const row = await inImmediateTransaction(forgeDb, async (trx) => ((await update(trx)) ? repository.findCompteById(trx, id) : undefined));
  if (!row) throw new AccountError('compte_introuvable');
  return toAccount(row);
}

/** Stores a hash at today's cost; a password from before a stricter policy keeps its old hash. */
async function rehash(forgeDb: ForgeDb, id: number, password: string, cost: ScryptCost): Promise<void> {
  try {
    await repository.updateMotDePasse(forgeDb.db, id, await hashPassword(password, cost));
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
  }
}

function tryNormalizeEmail(email: string): string | null {
  try {
    return normalizeEmail(email);
  } catch (error) {
    if (error instanceof AccountError) return null;
    throw error;
  }
}

/** One hash of a random password per cost, made on first need. */
const dummyHashes = new Map<string, Promise<string>>();

function dummyHash(cost: ScryptCost): Promise<string> {
  const key = `${cost.N}$${cost.r}$${cost.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(18).toString('base64url'), cost);
    dummyHashes.set(key, hash);
  }
  return hash;
}
