// npm run admin: account administration from the server's machine (contract §6). It opens
// DATA_DIR/forge.sqlite next to a running server (WAL, busy timeout). Exit codes: 0 done,
// 1 refused (bad value, existing e-mail, unusable database), 2 usage or configuration error.
import { AccountError } from '../server/accounts/account-error.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { ForgeDbError } from '../server/forge-db/forge-db-error.js';
import { parseAdminArguments, USAGE, UsageError } from './admin/arguments.js';
import { PasswordInputError, readPassword } from './admin/read-password.js';

async function main(args: readonly string[]): Promise<number> {
  const command = parseAdminArguments(args);
  if (command.command === 'aide') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig(process.env);
  // Loaded only now: help and usage errors answer without loading the database layer.
  const [{ forgeDbPath, openForgeDb }, { addAccount, addToken }] = await Promise.all([
    import('../server/forge-db/connect.js'),
    import('./admin/commands.js'),
  ]);
  const forgeDb = await openForgeDb(forgeDbPath(config.dataDir));
  try {
    const lines = command.command === 'ajouter' ? await addAccount(forgeDb, command, () => readPassword()) : await addToken(forgeDb, command);
    process.stdout.write(lines.map((line) => `${line}\n`).join(''));
    return 0;
  } finally {
    await forgeDb.close();
  }
}

/** A French message and an exit code for whatever stopped the command; never a stack trace. */
function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError) return { message: `${error.message}\n\n${USAGE}`, code: 2 };
  if (error instanceof ConfigError) return { message: `configuration : ${error.message}`, code: 2 };
  if (error instanceof AccountError || error instanceof ForgeDbError || error instanceof PasswordInputError) {
    return { message: error.message, code: 1 };
  }
  if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
    return { message: 'La base de la forge est occupée depuis plus de 5 secondes : réessayez.', code: 1 };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Erreur inattendue : ${detail}`, code: 1 };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const { message, code } = describeFailure(error);
    process.stderr.write(`${message}\n`);
    process.exit(code);
  },
);
