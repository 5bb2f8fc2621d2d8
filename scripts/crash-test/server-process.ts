// The server as a real process (dist/server.mjs) on a free port, and its sudden death. It runs in
// its own process group, so that a kill can take either the server alone (the git commands it
// started then finish on their own, as after an out-of-memory kill) or the whole group (the
// server and its git commands die together, as when a container or a machine stops).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type KillScope = 'serveur' | 'groupe';

export interface ServerProcess {
  baseUrl: string;
  /** The end of what the server printed (for failure reports). */
  output(): string;
  kill(scope: KillScope): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const OUTPUT_KEPT = 4000;

export async function startServer(script: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ServerProcess = { baseUrl: `http://127.0.0.1:${port}`, output: () => output, kill: (scope) => killNow(child, scope, exited) };
  try {
    await waitUntilReady(server.baseUrl, child);
  } catch (error) {
    await server.kill('groupe');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return server;
}

async function waitUntilReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`le serveur s’est arrêté au démarrage (code ${child.exitCode})`);
    const status = await fetch(`${baseUrl}/api/fiches?par_page=1`).then((reply) => reply.status, () => 0);
    if (status === 200) return;
    await sleep(20);
  }
  throw new Error('le serveur ne répond pas 200 après 60 s');
}

async function killNow(child: ChildProcess, scope: KillScope, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(scope === 'groupe' ? -child.pid! : child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
