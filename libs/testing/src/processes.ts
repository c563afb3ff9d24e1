import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface ServiceProcess {
  name: string;
  /** Operating-system process id (benchmarks read its CPU time). */
  pid: number;
  output(): string;
  /** SIGKILL: no shutdown hooks, no offset commit — the crash case. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a graceful exit. */
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs a TypeScript entry point (e.g. `services/credit-check/src/main.ts`) as its own process, the way
 * the cluster runs it, and waits until `readyUrl` answers 200.
 */
export async function spawnService(name: string, entry: string, env: Record<string, string>, readyUrl: string, timeoutMs = 60_000): Promise<ServiceProcess> {
  // SPAWN_NODE_FLAGS: extra node flags for the child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a benchmark's services.
  const flags = (process.env.SPAWN_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...flags, '-r', './tools/register.js', entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const kill = () => {
    if (!done) child.kill('SIGKILL');
  };
  process.once('exit', kill);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (done) throw new Error(`${name} exited during start-up:\n${out}`);
    try {
      const response = await fetch(readyUrl);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      kill();
      throw new Error(`${name} not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    pid: child.pid!,
    output: () => out,
    kill: async () => {
      kill();
      await exited;
    },
    stop: async () => {
      if (!done) child.kill('SIGTERM');
      return exited;
    },
  };
}
