// Accounts, passwords and personal access tokens on a real forge database in a temp folder.
// Hashes use a low scrypt cost (explicit parameter), except where the default is the subject.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountError, type AccountErrorCode } from '../../server/accounts/account-error.js';
import {
  authenticate,
  createAccount,
  findAccountByEmail,
  listAccounts,
  setAccountActive,
  setAccountRole,
  setAccountTrusted,
  type NewAccount,
} from '../../server/accounts/accounts.js';
import { checkPasswordPolicy, hashPassword, needsRehash, verifyPassword, type ScryptCost } from '../../server/accounts/password.js';
import { createToken, findAccountByToken, listTokens, revokeToken } from '../../server/accounts/tokens.js';
import { openForgeDb, type ForgeDb } from '../../server/forge-db/connect.js';
import { makeTempDir } from '../helpers/content.js';

const COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };
const options = { cost: COST };
const PASSWORD = 'correct cheval pile agrafe';

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

let forgeDb: ForgeDb;
beforeEach(async () => {
  const dir = makeTempDir('forge-accounts-');
  temp.push(dir);
  forgeDb = await openForgeDb(path.join(dir, 'forge.sqlite'));
  return () => forgeDb.close();
});

const ana: NewAccount = { email: 'ana@exemple.fr', nom: 'Ana Bertin', role: 'editeur', password: PASSWORD };

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<AccountErrorCode | 'aucune'> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
    return 'aucune';
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    expect(error.message).toMatch(/[a-zé]/);
    return error.code;
  }
}

describe('passwords', () => {
  it('hash with the cost in the string, verify, and never twice the same', async () => {
    const encoded = await hashPassword(PASSWORD, COST);
    expect(encoded).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(PASSWORD, encoded)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, encoded)).toBe(false);
    expect(await hashPassword(PASSWORD, COST)).not.toBe(encoded);
    // NFC and NFD spellings of one password are one password.
    const accented = await hashPassword('mot de passe é'.normalize('NFD'), COST);
    expect(await verifyPassword('mot de passe é'.normalize('NFC'), accented)).toBe(true);
  });

  it('use N=2^16, r=8, p=1 by default, and tell when a hash is weaker than wanted', async () => {
    const encoded = await hashPassword(PASSWORD);
    expect(encoded.startsWith('scrypt$65536$8$1$')).toBe(true);
    expect(await verifyPassword(PASSWORD, encoded)).toBe(true);
    expect(needsRehash(encoded)).toBe(false);
    expect(needsRehash(await hashPassword(PASSWORD, COST))).toBe(true);
  });

  it('refuse to verify anything that is not one of our hashes', async () => {
    const good = await hashPassword(PASSWORD, COST);
    const parts = good.split('$');
    for (const bad of ['', 'scrypt', 'bcrypt$1024$8$1$aaaa$bbbb', good.replace('$1024$', '$1000$'), good.replace('$1024$', `$${2 ** 30}$`), [...parts.slice(0, 4), '!!', parts[5]].join('$')]) {
      expect(await verifyPassword(PASSWORD, bad)).toBe(false);
    }
  });

  it('have one policy: 10 to 1,024 characters (code points, after NFC)', async () => {
    expect(await refusal(() => checkPasswordPolicy('a'.repeat(9)))).toBe('mot_de_passe_trop_court');
    expect(await refusal(() => checkPasswordPolicy('a'.repeat(10)))).toBe('aucune');
    expect(await refusal(() => checkPasswordPolicy('🔑'.repeat(10)))).toBe('aucune');
    expect(await refusal(() => checkPasswordPolicy('🔑'.repeat(9)))).toBe('mot_de_passe_trop_court');
    expect(await refusal(() => checkPasswordPolicy('a'.repeat(1024)))).toBe('aucune');
    expect(await refusal(() => checkPasswordPolicy('a'.repeat(1025)))).toBe('mot_de_passe_trop_long');
    expect(await refusal(hashPassword('court', COST))).toBe('mot_de_passe_trop_court');
  });
});

describe('accounts', () => {
  it('are created with a normalised e-mail and returned without their hash', async () => {
    const account = await createAccount(forgeDb, { ...ana, email: '  Ana@Exemple.FR ', nom: '  Ana Bertin ' }, options);
    expect(account).toEqual({ id: expect.any(Number), email: 'ana@exemple.fr', nom: 'Ana Bertin', role: 'editeur', creeLe: expect.any(String), actif: true, confiance: false });
    expect(new Date(account.creeLe).toISOString()).toBe(account.creeLe);
    expect(await findAccountByEmail(forgeDb, 'ANA@exemple.fr')).toEqual(account);
    expect(await listAccounts(forgeDb)).toEqual([account]);
    expect(JSON.stringify(await listAccounts(forgeDb))).not.toMatch(/scrypt|mot_de_passe/);
    const stored = forgeDb.sqlite.prepare('SELECT mot_de_passe FROM comptes').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$1024\$/);
    expect(stored).not.toContain(PASSWORD);
  });

  it('refuse a second account with the same e-mail, whatever its case', async () => {
    await createAccount(forgeDb, ana, options);
    expect(await refusal(createAccount(forgeDb, { ...ana, email: 'ANA@exemple.fr', nom: 'Autre' }, options))).toBe('email_deja_utilise');
    expect(await listAccounts(forgeDb)).toHaveLength(1);
  });

  it('refuse bad fields with a code per field, writing nothing', async () => {
    const cases: Array<[Partial<NewAccount>, AccountErrorCode]> = [
      ...['', 'ana', 'ana@', '@exemple.fr', 'ana@exemple', 'ana@exemple.f', 'a b@exemple.fr', 'ana@@exemple.fr', 'ana@exemple..fr', 'ana@-exemple.fr', '<ana>@exemple.fr', `${'a'.repeat(65)}@exemple.fr`, `ana@${'a'.repeat(250)}.fr`, `${'a@'.repeat(5000)}x`].map(
        (email): [Partial<NewAccount>, AccountErrorCode] => [{ email }, 'email_invalide'],
      ),
      ...['', '   ', 'a'.repeat(81), 'Ana\nBertin', 'Ana\u0000', 'Ana <ana@exemple.fr>', 'Ana\u202Eniterb'].map(
        (nom): [Partial<NewAccount>, AccountErrorCode] => [{ nom }, 'nom_invalide'],
      ),
      [{ role: 'chef' }, 'role_invalide'],
      [{ role: 'Admin' }, 'role_invalide'],
      [{ password: 'a'.repeat(9) }, 'mot_de_passe_trop_court'],
      [{ password: 'a'.repeat(1025) }, 'mot_de_passe_trop_long'],
    ];
    for (const [change, code] of cases) {
      expect([change, await refusal(createAccount(forgeDb, { ...ana, ...change }, options))]).toEqual([change, code]);
    }
    expect(await listAccounts(forgeDb)).toEqual([]);
    // What is accepted: a subdomain, a plus, accents, an 80-character name, a Persian ZWNJ.
    await createAccount(forgeDb, { ...ana, email: 'ana+forge@mail.exemple.fr', nom: 'é'.repeat(80) }, options);
    await createAccount(forgeDb, { ...ana, email: 'ali@exemple.ir', nom: 'می\u200Cخواهم', role: 'contributeur' }, options);
    expect(await listAccounts(forgeDb)).toHaveLength(2);
  });

  it('authenticate by e-mail (any case) and password; null otherwise', async () => {
    const account = await createAccount(forgeDb, ana, options);
    expect(await authenticate(forgeDb, ' ANA@exemple.fr', PASSWORD, options)).toEqual(account);
    expect(await authenticate(forgeDb, 'ana@exemple.fr', `${PASSWORD} `, options)).toBeNull();
    expect(await authenticate(forgeDb, 'inconnu@exemple.fr', PASSWORD, options)).toBeNull();
    expect(await authenticate(forgeDb, 'pas une adresse', PASSWORD, options)).toBeNull();
    expect(await authenticate(forgeDb, 'ana@exemple.fr', '', options)).toBeNull();
  });

  it('refuse a deactivated account until it is reactivated', async () => {
    const account = await createAccount(forgeDb, ana, options);
    expect((await setAccountActive(forgeDb, account.id, false)).actif).toBe(false);
    expect(await authenticate(forgeDb, ana.email, PASSWORD, options)).toBeNull();
    expect((await setAccountActive(forgeDb, account.id, true)).actif).toBe(true);
    expect(await authenticate(forgeDb, ana.email, PASSWORD, options)).not.toBeNull();
  });

  it('change role and trust; an unknown id or role is refused', async () => {
    const account = await createAccount(forgeDb, ana, options);
    expect((await setAccountRole(forgeDb, account.id, 'admin')).role).toBe('admin');
    expect((await setAccountTrusted(forgeDb, account.id, true)).confiance).toBe(true);
    expect(await refusal(setAccountRole(forgeDb, account.id, 'roi'))).toBe('role_invalide');
    expect(await refusal(setAccountRole(forgeDb, 999, 'admin'))).toBe('compte_introuvable');
    expect(await refusal(setAccountActive(forgeDb, 999, false))).toBe('compte_introuvable');
  });

  it('store a stronger hash at login when the cost was raised', async () => {
    await createAccount(forgeDb, ana, options);
    const stronger = { cost: { ...COST, N: 2 ** 11 } };
    expect(await authenticate(forgeDb, ana.email, PASSWORD, stronger)).not.toBeNull();
    const stored = forgeDb.sqlite.prepare('SELECT mot_de_passe FROM comptes').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(await authenticate(forgeDb, ana.email, PASSWORD, stronger)).not.toBeNull();
  });
});

describe('personal access tokens', () => {
  it('are shown once, stored as their SHA-256 only, and resolve to their account', async () => {
    const account = await createAccount(forgeDb, ana, options);
    const { id, token } = await createToken(forgeDb, account.id, '  Mon script  ');
    expect(token).toMatch(/^fac_[A-Za-z0-9_-]{43}$/);
    const row = forgeDb.sqlite.prepare('SELECT * FROM jetons WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row.empreinte).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(await findAccountByToken(forgeDb, token)).toEqual(account);
    expect(await listTokens(forgeDb, account.id)).toEqual([{ id, libelle: 'Mon script', creeLe: expect.any(String), dernierUsage: expect.any(String), revoqueLe: null }]);
    const second = await createToken(forgeDb, account.id, 'autre');
    expect(second.token).not.toBe(token);
    expect(await findAccountByToken(forgeDb, second.token)).toEqual(account);
  });

  it('resolve nothing for an unknown or malformed token', async () => {
    const account = await createAccount(forgeDb, ana, options);
    const { token } = await createToken(forgeDb, account.id, 'l');
    const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [altered, '', 'fac_', token.slice(4), `${token} `, `Bearer ${token}`, token + token]) {
      expect(await findAccountByToken(forgeDb, bad)).toBeNull();
    }
  });

  it('record their last use at most once a minute', async () => {
    const account = await createAccount(forgeDb, ana, options);
    const { id, token } = await createToken(forgeDb, account.id, 'l');
    const lastUse = () => forgeDb.sqlite.prepare('SELECT dernier_usage FROM jetons WHERE id = ?').pluck().get(id);
    expect(lastUse()).toBeNull();
    const t0 = new Date('2025-03-01T10:00:00.000Z');
    await findAccountByToken(forgeDb, token, t0);
    expect(lastUse()).toBe(t0.toISOString());
    await findAccountByToken(forgeDb, token, new Date(t0.getTime() + 59_000));
    expect(lastUse()).toBe(t0.toISOString());
    const t1 = new Date(t0.getTime() + 61_000);
    await findAccountByToken(forgeDb, token, t1);
    expect(lastUse()).toBe(t1.toISOString());
  });

  it('stop working once revoked, by their owner only', async () => {
    const account = await createAccount(forgeDb, ana, options);
    const other = await createAccount(forgeDb, { ...ana, email: 'bob@exemple.fr' }, options);
    const { id, token } = await createToken(forgeDb, account.id, 'l');
    expect(await revokeToken(forgeDb, other.id, id)).toBe(false);
    expect(await findAccountByToken(forgeDb, token)).not.toBeNull();
    expect(await revokeToken(forgeDb, account.id, id)).toBe(true);
    expect(await findAccountByToken(forgeDb, token)).toBeNull();
    expect(await revokeToken(forgeDb, account.id, id)).toBe(false);
    expect((await listTokens(forgeDb, account.id))[0]?.revoqueLe).toEqual(expect.any(String));
    expect(await listTokens(forgeDb, other.id)).toEqual([]);
  });

  it('stop working while their account is deactivated, and go with a deleted account', async () => {
    const account = await createAccount(forgeDb, ana, options);
    const { token } = await createToken(forgeDb, account.id, 'l');
    await setAccountActive(forgeDb, account.id, false);
    expect(await findAccountByToken(forgeDb, token)).toBeNull();
    expect(await refusal(createToken(forgeDb, account.id, 'nouveau'))).toBe('compte_inactif');
    await setAccountActive(forgeDb, account.id, true);
    expect(await findAccountByToken(forgeDb, token)).not.toBeNull();
    await forgeDb.db.deleteFrom('comptes').where('id', '=', account.id).execute();
    expect(forgeDb.sqlite.prepare('SELECT count(*) FROM jetons').pluck().get()).toBe(0);
  });

  it('need an existing account and a label', async () => {
    const account = await createAccount(forgeDb, ana, options);
    expect(await refusal(createToken(forgeDb, 999, 'l'))).toBe('compte_introuvable');
    for (const libelle of ['', '  ', 'x'.repeat(81), 'a\tb']) {
      expect(await refusal(createToken(forgeDb, account.id, libelle))).toBe('libelle_invalide');
    }
    expect(await listTokens(forgeDb, account.id)).toEqual([]);
  });
});
