// The server as a separate process, started the way `npm start` runs it (dist/server.mjs), so
// that start times include everything a user waits for, and its memory is its own.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the first 200 of GET /api/fiches. */
  readyMs: number;
  /** Duration of the first content sync, as the server logged it. */
  syncMs: number | null;
  stop(): Promise<void>;
}

export async function startServer(contentDir: string, dataDir: string, port: number): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.mjs')], {
    env: { ...process.env, CONTENT_DIR: contentDir, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', WATCH: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let syncMs: number | null = null;
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const match = /"dureeMs":(\d+)/.exec(output);
    if (match && syncMs === null) syncMs = Number(match[1]);
    if (output.length > 100_000) output = output.slice(-10_000);
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le serveur s’est arrêté (code ${child.exitCode}) : ${output.slice(-2000)}`);
    try {
      const res = await fetch(`${url}/api/fiches`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    process: child,
    readyMs,
    get syncMs() {
      return syncMs;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process, from /proc (Linux). */
export function rssMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Runs a bench helper script in its own process and returns the JSON it prints last. */
export function runScript<T>(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'scripts', 'bench', script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} : code ${code}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} : sortie illisible ${last.slice(0, 200)}`));
      }
    });
  });
}
