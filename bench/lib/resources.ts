import { readdirSync, readFileSync } from 'node:fs';

/** Cumulative counters taken at one instant; the difference of two describes a phase. */
export interface ResourceSample {
  at: number;
  /** Server process user + system CPU (all its threads), from /proc. */
  serverCpuMs: number;
  /** The server's main thread: event-loop active and idle time, GC pauses (from the preloaded probe). */
  eluActiveMs: number;
  eluIdleMs: number;
  gcMs: number;
  /** Event-loop delay since the previous sample that reset it. */
  delayP99Ms: number;
  delayMaxMs: number;
  /** Whole machine, from /proc/stat: busy and total jiffies as ms across all cores. */
  machineBusyMs: number;
  machineTotalMs: number;
  loadgenCpuMs: number;
  /** All local `postgres` processes (0 with PGlite, which runs inside the server). */
  postgresCpuMs: number;
}

export interface ResourceUsage {
  serverCpuMsPerMessage: number;
  /** Share of wall time the server's main thread was running JavaScript or native work. */
  serverMainThreadBusy: number;
  gcMsPerMessage: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  /** Share of all cores busy, whoever used them (server, database, load generator). */
  machineBusy: number;
  loadgenCpuMsPerMessage: number;
  postgresCpuMsPerMessage: number;
  /** CPU used by everything else on the machine (other people's work), in cores. Should be ~0. */
  otherCores: number;
}

const TICK_MS = 10; // USER_HZ = 100

/** Other work on the machine above this many cores spoils a run: it is repeated and the least disturbed kept. */
export const CONTENDED_CORES = 0.15;

export function machineCpu(): { busyMs: number; totalMs: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return { busyMs: busy * TICK_MS, totalMs: (busy + (idle ?? 0) + (iowait ?? 0)) * TICK_MS };
}

export function processCpuMs(pid: number): number {
  // After the ") " that ends the command name, utime and stime are the 12th and 13th fields.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** CPU used so far by every process named `postgres` (the PostgreSQL server and its backends). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) total += processCpuMs(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/**
 * Waits until the machine has been nearly idle (below `threshold` of all cores) for one
 * `windowMs`, at most `maxWaitMs`; returns the last window's busy share. Other work on a
 * 2-core box moves the tail by tens of milliseconds.
 */
export async function waitForQuiet(threshold: number, windowMs: number, maxWaitMs: number): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    const a = machineCpu();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const b = machineCpu();
    const busy = (b.busyMs - a.busyMs) / Math.max(1, b.totalMs - a.totalMs);
    if (busy <= threshold || performance.now() >= deadline) return busy;
  }
}

export function usageBetween(a: ResourceSample, b: ResourceSample, messages: number): ResourceUsage {
  const wall = b.at - a.at;
  const ours = b.serverCpuMs - a.serverCpuMs + (b.postgresCpuMs - a.postgresCpuMs) + (b.loadgenCpuMs - a.loadgenCpuMs);
  const active = b.eluActiveMs - a.eluActiveMs;
  const idle = b.eluIdleMs - a.eluIdleMs;
  const loadgen = b.loadgenCpuMs - a.loadgenCpuMs;
  return {
    serverCpuMsPerMessage: (b.serverCpuMs - a.serverCpuMs) / messages,
    serverMainThreadBusy: active + idle > 0 ? active / (active + idle) : Number.NaN,
    gcMsPerMessage: (b.gcMs - a.gcMs) / messages,
    eventLoopDelayP99Ms: b.delayP99Ms,
    eventLoopDelayMaxMs: b.delayMaxMs,
    machineBusy: (b.machineBusyMs - a.machineBusyMs) / Math.max(1, b.machineTotalMs - a.machineTotalMs),
    loadgenCpuMsPerMessage: loadgen / messages,
    postgresCpuMsPerMessage: (b.postgresCpuMs - a.postgresCpuMs) / messages,
    otherCores: wall > 0 ? Math.max(0, (b.machineBusyMs - a.machineBusyMs - ours) / wall) : Number.NaN,
  };
}
