// A second process writing to the forge database, for the concurrency tests: opens the file,
// says "pret", waits for a line on stdin, then runs `count` read-then-write transactions, each
// holding the write lock a little while. Run: node --import tsx forge-writer.ts <file> <label> <count>
import { setTimeout as sleep } from 'node:timers/promises';
import { inImmediateTransaction, openForgeDb } from '../../server/forge-db/connect.js';

const [file, label, count] = process.argv.slice(2);
const forgeDb = await openForgeDb(file ?? '');
process.stdout.write('pret\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
for (let i = 0; i < Number(count); i += 1) {
  await inImmediateTransaction(forgeDb, async (trx) => {
    const { n } = await trx.selectFrom('comptes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await sleep(2);
    // `nom` is what was read: two writers that read the same count would write the same name.
    await trx
      .insertInto('comptes')
      .values({ email: `${label}-${i}@exemple.fr`, nom: `n${n}`, role: 'contributeur', mot_de_passe: 'x', cree_le: new Date().toISOString() })
      .execute();
  });
}
await forgeDb.close();
