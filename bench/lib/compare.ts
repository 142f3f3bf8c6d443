import { startFloor } from './floor';
import { type LoadOptions, type LoadResult, runLoad, type Traffic } from './load';
import { leastDisturbed, type LoketUnderTest, runInfo, startLoket, type StartOptions } from './loket-server';
import type { Measured, RunInfo } from './report';
import type { ScenarioRun } from './scenario';
import { fourFigures } from './stats';
import type { DatabaseTarget } from './targets';

export interface Load {
  label: string;
  options: LoadOptions;
  /** Built per system: a scenario may need to set up data (open tickets) on each. */
  traffic: Traffic;
}

/**
 * Warm-up before a measured run: 3 s at its rate, 50 to 1,000 messages. A server just started
 * is slow for its first seconds under load (cold JIT, new PostgreSQL backends, freshly written
 * pages), more so than the floor, which is smaller and runs second; the figures are about a
 * desk that has been up for a while.
 */
export const warmupFor = (rate: number) => Math.min(1000, Math.max(50, Math.round(rate * 3)));

/** The common knobs from the command line, with a scenario's rate and count. */
export function loadOptions(run: ScenarioRun, rate: number, count: number): LoadOptions {
  const { options } = run;
  return {
    rate,
    count: options.count ?? count,
    warmup: options.warmup ?? warmupFor(rate),
    sockets: options.sockets,
    measured: Math.min(4, options.sockets),
    settleMs: options.settleMs,
    quietWaitMs: options.quietWaitMs,
  };
}

type System = { kind: 'loket' | 'floor'; baseUrl: string; token: string; post: LoketUnderTest['client']['post'] };

async function measureEach(run: ScenarioRun, system: System, sample: Parameters<typeof runLoad>[0]['sample'], loads: Load[]) {
  const results: LoadResult[] = [];
  const target = { baseUrl: system.baseUrl, token: system.token, client: { post: system.post, close() {} }, sample };
  for (const load of loads) {
    run.log(`${system.kind} ${load.label}: ${load.options.count} messages at ${load.options.rate}/s, ${load.options.sockets} sockets …`);
    const r = await leastDisturbed(() => runLoad(target, load.traffic, load.options), run.options.attempts, run.log);
    run.log(`${system.kind} ${load.label}: ${fourFigures(r.latency)}; errors ${r.errors}; missing ${r.missing}; achieved ${r.achievedRate.toFixed(0)}/s`);
    results.push(r);
  }
  return results;
}

/**
 * Measures every load on Loket (one server, one database), then the same loads on the floor
 * (its own process and database, or Loket's database when `floorOnSameDatabase`).
 * `makeLoads` is called once per system, so it can prepare data (open tickets) on each.
 * With `--floor only` the floor's figures stand in Loket's place (development only: not written).
 */
export async function loketThenFloor(
  run: ScenarioRun,
  makeLoads: (system: System) => Promise<Load[]>,
  start: StartOptions & { floorOnSameDatabase?: boolean } = {},
): Promise<{ info: RunInfo; rows: Measured[]; outboundSent: number; serverRssMiB: number | null }> {
  const mode = run.options.floor;
  let sameDatabase: DatabaseTarget | null = null;
  let loketResults: LoadResult[] = [];
  let labels: string[] = [];
  let info: RunInfo | null = null;
  let rss: number | null = null;
  let outboundSent = 0;
  try {
    if (mode !== 'only') {
      const loket = await startLoket(run, { ...start, keepDatabase: start.floorOnSameDatabase });
      if (start.floorOnSameDatabase) sameDatabase = loket.target;
      try {
        const system: System = { kind: 'loket', baseUrl: loket.server.baseUrl, token: loket.agentToken, post: loket.client.post };
        const loads = await makeLoads(system);
        labels = loads.map((l) => l.label);
        loketResults = await measureEach(run, system, loket.server.sample, loads);
        info = await loket.info();
        rss = loket.server.rssKiB();
        outboundSent = loket.outboundSent();
      } finally {
        await loket.close();
      }
    }
    let floorResults: LoadResult[] | null = null;
    if (mode !== 'off') {
      const floor = await startFloor(run, sameDatabase ?? undefined, `floor-${start.label ?? run.kind}`);
      try {
        if (mode === 'only' && start.beforeStart) await start.beforeStart(floor.target);
        const system: System = { kind: 'floor', baseUrl: floor.server.baseUrl, token: 'floor', post: floor.client.post };
        const loads = await makeLoads(system);
        if (mode === 'only') labels = loads.map((l) => l.label);
        floorResults = await measureEach(run, system, floor.server.sample, loads);
        info ??= await runInfo(run.options, floor.target);
      } finally {
        await floor.close();
      }
    }
    if (mode === 'only') loketResults = floorResults ?? [];
    return {
      info: info as RunInfo,
      rows: loketResults.map((loket, i) => ({ label: labels[i] as string, loket, floor: mode === 'on' ? (floorResults?.[i] ?? null) : null })),
      outboundSent,
      serverRssMiB: rss === null ? null : rss / 1024,
    };
  } finally {
    await sameDatabase?.dispose();
  }
}
