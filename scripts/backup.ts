// npm run backup [-- --sortie <dossier>]: a consistent copy of DATA_DIR/forge.sqlite and a git
// bundle of CONTENT_DIR, with a manifest (server/backup/backup-forge.ts). Works while the server
// runs. Exit codes: 0 written, 1 failed, 2 usage or configuration error.
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { UsageError, formatSize, parseStrict, runCommand } from './backup/cli.js';

const USAGE = `Usage :
  npm run backup [-- --sortie <dossier>]
      sauvegarde la base de la forge (DATA_DIR/forge.sqlite) et le dépôt du contenu (CONTENT_DIR)
      dans <dossier> (par défaut : sauvegardes/sauvegarde-<date>) ; le serveur peut tourner
  npm run backup -- --aide
      affiche cette aide`;

async function main(): Promise<void> {
  const { values, positionals } = parseStrict(process.argv.slice(2), {
    sortie: { type: 'string' },
    aide: { type: 'boolean', short: 'h' },
  });
  if (values.aide) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length > 0) throw new UsageError(`argument en trop : « ${positionals[0]} »`);
  if (values.sortie === '') throw new UsageError('l’option --sortie attend un dossier');
  const config = loadConfig(process.env);
  // Loaded only now: help and usage errors answer without loading git and SQLite.
  const { backupForge, timestampedBackupDir } = await import('../server/backup/backup-forge.js');
  const outDir = values.sortie ?? timestampedBackupDir(path.resolve('sauvegardes'));
  const { dir, manifest, uncommitted } = await backupForge({ contentDir: config.contentDir, dataDir: config.dataDir, outDir });
  const { base, contenu } = manifest;
  const lines = [
    `Sauvegarde écrite dans ${dir}`,
    `  base de la forge : ${base.fichier}, version ${base.version_schema} du schéma, ${formatSize(base.octets)}`,
    `  contenu : ${contenu.fichier}, ${contenu.fiches} fiches, commit ${contenu.commit.slice(0, 12)}${contenu.branche ? ` (branche ${contenu.branche})` : ''}, ${formatSize(contenu.octets)}`,
  ];
  if (uncommitted.length > 0) {
    lines.push(
      `Attention : ${uncommitted.length} fichier(s) du dossier de contenu diffèrent du dernier commit et ne sont pas dans la sauvegarde :`,
      ...uncommitted.slice(0, 10).map((file) => `  ${file}`),
    );
    if (uncommitted.length > 10) lines.push(`  … et ${uncommitted.length - 10} autre(s)`);
  }
  process.stdout.write(lines.map((line) => `${line}\n`).join(''));
}

runCommand(main, USAGE);
