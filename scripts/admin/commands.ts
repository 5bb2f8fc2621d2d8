// What `npm run admin` does once its arguments are understood. Each command returns the lines
// it prints on standard output.
import { AccountError } from '../../server/accounts/account-error.js';
import { checkNom, checkRole, normalizeEmail } from '../../server/accounts/account-fields.js';
import { createAccount, findAccountByEmail } from '../../server/accounts/accounts.js';
import { createToken } from '../../server/accounts/tokens.js';
import type { ForgeDb } from '../../server/forge-db/connect.js';

export async function addAccount(
  forgeDb: ForgeDb,
  input: { email: string; nom: string; role: string },
  readPassword: () => Promise<string>,
): Promise<string[]> {
  // Everything that can be refused is refused before the password is asked for.
  const email = normalizeEmail(input.email);
  checkNom(input.nom);
  checkRole(input.role);
  if (await findAccountByEmail(forgeDb, email)) throw new AccountError('email_deja_utilise');
  const account = await createAccount(forgeDb, { ...input, password: await readPassword() });
  return [`Compte créé : « ${account.nom} » <${account.email}>, rôle ${account.role} (n° ${account.id}).`];
}

export async function addToken(forgeDb: ForgeDb, input: { email: string; libelle: string }): Promise<string[]> {
  const account = await findAccountByEmail(forgeDb, input.email);
  if (!account) throw new AccountError('compte_introuvable', `Aucun compte n’a l’adresse « ${input.email.trim()} ».`);
  const { id, token } = await createToken(forgeDb, account.id, input.libelle);
  return [
    `Jeton n° ${id} créé pour <${account.email}>.`,
    'Écrire par l’API avec ce jeton vaut acceptation de publier chaque contribution sous la licence de sa fiche.',
    'Conservez-le maintenant : il ne sera plus jamais affiché.',
    token,
  ];
}
