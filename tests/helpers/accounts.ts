// Accounts for write tests: created in the app's own forge database (low scrypt cost), each
// with a personal access token, as `npm run admin` would make them.
import type { FastifyInstance } from 'fastify';
import { createAccount, setAccountTrusted, type Account } from '../../server/accounts/accounts.js';
import { createToken } from '../../server/accounts/tokens.js';

export const TEST_SCRYPT_COST = { N: 2 ** 10, r: 8, p: 1 };
export const TEST_PASSWORD = 'un mot de passe solide';
let counter = 0;

export interface TestAccount {
  account: Account;
  token: string;
  /** Headers of an authenticated JSON request. */
  auth: { authorization: string };
}

export async function addAccount(
  app: FastifyInstance,
  role: 'contributeur' | 'editeur' | 'admin',
  options: { nom?: string; confiance?: boolean } = {},
): Promise<TestAccount> {
  counter += 1;
  const nom = options.nom ?? `${role} ${counter}`;
  let account = await createAccount(
    app.forge.forgeDb,
    { email: `${role}${counter}@exemple.org`, nom, role, password: TEST_PASSWORD },
    { cost: TEST_SCRYPT_COST },
  );
  if (options.confiance) account = await setAccountTrusted(app.forge.forgeDb, account.id, true);
  const { token } = await createToken(app.forge.forgeDb, account.id, 'tests');
  return { account, token, auth: { authorization: `Bearer ${token}` } };
}
