// The manifest of a backup (manifeste.json): what was saved, from which state, and the SHA-256
// of each file, so that a restore refuses a backup that changed since. It is written last: a
// folder without it is an unfinished backup and is never restored.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './backup-error.js';
import { writeFileDurably } from './durable-files.js';

export const MANIFEST_FILE = 'manifeste.json';
export const FORGE_DB_COPY = 'forge.sqlite';
export const CONTENT_BUNDLE = 'contenu.bundle';
const FORMAT = 'forge-a-communs/sauvegarde-1';

export interface BackupManifest {
  format: typeof FORMAT;
  /** ISO date of the backup. */
  date: string;
  base: { fichier: typeof FORGE_DB_COPY; version_schema: number; octets: number; sha256: string };
  contenu: {
    fichier: typeof CONTENT_BUNDLE;
    /** The commit HEAD named in the bundle; the branch HEAD pointed to (null: detached). */
    commit: string;
    branche: string | null;
    fiches: number;
    octets: number;
    sha256: string;
  };
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Size and SHA-256 of a file of the backup. */
export async function describeFile(file: string): Promise<{ octets: number; sha256: string }> {
  return { octets: (await fs.stat(file)).size, sha256: await sha256OfFile(file) };
}

export function newManifest(parts: Omit<BackupManifest, 'format'>): BackupManifest {
  return { format: FORMAT, ...parts };
}

export async function writeManifest(backupDir: string, manifest: BackupManifest): Promise<void> {
  await writeFileDurably(path.join(backupDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest of a finished backup; refused when absent, unreadable or not of our format. */
export async function readManifest(backupDir: string): Promise<BackupManifest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(path.join(backupDir, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    throw new BackupError('sauvegarde_introuvable', { detail: backupDir, cause: error });
  }
  if (!isManifest(parsed)) throw new BackupError('sauvegarde_introuvable', { detail: `${MANIFEST_FILE} n’a pas le format attendu` });
  return parsed;
}

/** Both files are there and are, byte for byte, the ones the manifest describes. */
export async function checkBackupFiles(backupDir: string, manifest: BackupManifest): Promise<void> {
  for (const entry of [manifest.base, manifest.contenu]) {
    const file = path.join(backupDir, entry.fichier);
    const actual = await describeFile(file).catch((error: unknown) => {
      throw new BackupError('sauvegarde_corrompue', { detail: `${entry.fichier} est illisible`, cause: error });
    });
    if (actual.sha256 !== entry.sha256 || actual.octets !== entry.octets) {
      throw new BackupError('sauvegarde_corrompue', { detail: `empreinte de ${entry.fichier} différente` });
    }
  }
}

const SHA256 = /^[0-9a-f]{64}$/;
const COMMIT = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
/** A branch name we hand to git after `refs/heads/`: no option-like or special forms. */
const BRANCH = /^[A-Za-z0-9._][A-Za-z0-9._/-]{0,199}$/;

function isManifest(value: unknown): value is BackupManifest {
  const m = value as BackupManifest | null;
  const counted = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return (
    typeof m === 'object' && m !== null &&
    m.format === FORMAT &&
    typeof m.date === 'string' &&
    m.base?.fichier === FORGE_DB_COPY && counted(m.base.version_schema) && counted(m.base.octets) && SHA256.test(String(m.base.sha256)) &&
    m.contenu?.fichier === CONTENT_BUNDLE && COMMIT.test(String(m.contenu.commit)) &&
    (m.contenu.branche === null || (BRANCH.test(String(m.contenu.branche)) && !String(m.contenu.branche).includes('..'))) &&
    counted(m.contenu.fiches) && counted(m.contenu.octets) && SHA256.test(String(m.contenu.sha256))
  );
}
