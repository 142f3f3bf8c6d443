import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { machineCpu, postgresCpuMs, processCpuMs, type ResourceSample } from './resources';

/** A free port in 3400–3499 (the range kept for benchmarks). */
export async function freePort(from = 3400, to = 3499): Promise<number> {
  const size = to - from + 1;
  const start = Math.floor(Math.random() * size);
  for (let k = 0; k < size; k++) {
    const port = from + ((start + k) % size);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

export interface ServerProcess {
  pid: number;
  baseUrl: string;
  /** Date.now() when the process was spawned (for --trace-gc style logs that count from start). */
  spawnedAtEpochMs: number;
  /** VmRSS of the server process in KiB, from /proc. */
  rssKiB(): number | null;
  /** Cumulative CPU and event-loop counters; `reset` restarts the event-loop delay histogram. */
  sample(reset?: boolean): Promise<ResourceSample>;
  stop(): Promise<number | null>;
}

type ProbeReply = Omit<ResourceSample, 'at' | 'serverCpuMs' | 'machineBusyMs' | 'machineTotalMs' | 'loadgenCpuMs' | 'postgresCpuMs'> & { id: number };

/**
 * Starts the production build (`node dist/server/index.mjs`) with the bench's probe preloaded
 * (bench/lib/server-probe.mjs, over an IPC channel) and waits until /api/health says ok.
 */
export async function startServer(options: {
  env: NodeJS.ProcessEnv;
  port: number;
  logFile: string;
  nodeArgs?: string[];
  /** What to run (default: the production build). */
  script?: string;
  /** Count local PostgreSQL processes as part of the system under test (the postgres target). */
  trackPostgres?: boolean;
}): Promise<ServerProcess> {
  const log = createWriteStream(options.logFile);
  const spawnedAtEpochMs = Date.now();
  const child = spawn(process.execPath, ['--import', './bench/lib/server-probe.mjs', ...(options.nodeArgs ?? []), options.script ?? 'dist/server/index.mjs'], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));
  const pid = child.pid as number;
  const baseUrl = `http://127.0.0.1:${options.port}`;

  let nextId = 0;
  const waiting = new Map<number, (reply: ProbeReply) => void>();
  child.on('message', (message: ProbeReply & { type?: string }) => {
    if (message?.type === 'bench:sample') waiting.get(message.id)?.(message);
  });

  const server: ServerProcess = {
    pid,
    baseUrl,
    spawnedAtEpochMs,
    rssKiB() {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return match ? Number(match[1]) : null;
      } catch {
        return null;
      }
    },
    async sample(reset = false) {
      const id = ++nextId;
      const reply = await new Promise<ProbeReply>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the server probe did not answer within 5 s')), 5_000);
        waiting.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        child.send({ type: 'bench:sample', id, reset });
      }).finally(() => waiting.delete(id));
      const machine = machineCpu();
      const own = process.cpuUsage();
      return {
        at: performance.now(),
        serverCpuMs: processCpuMs(pid),
        eluActiveMs: reply.eluActiveMs,
        eluIdleMs: reply.eluIdleMs,
        gcMs: reply.gcMs,
        delayP99Ms: reply.delayP99Ms,
        delayMaxMs: reply.delayMaxMs,
        machineBusyMs: machine.busyMs,
        machineTotalMs: machine.totalMs,
        loadgenCpuMs: (own.user + own.system) / 1000,
        postgresCpuMs: options.trackPostgres ? postgresCpuMs() : 0,
      };
    },
    async stop() {
      if (alive) child.kill('SIGTERM');
      const timer = setTimeout(() => alive && child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      log.end();
      return code;
    },
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (!alive) throw new Error(`the server exited during start-up; see ${options.logFile}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      const body = (await res.json()) as { status?: string };
      if (res.ok && body.status === 'ok') return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.stop();
  throw new Error(`the server did not become healthy within 90 s; see ${options.logFile}`);
}
