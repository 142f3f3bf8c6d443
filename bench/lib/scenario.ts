import type { BenchOptions, TargetKind } from './options';

/** One block of bench/RESULTS.md, between `<!-- bench:<id> -->` markers. */
export interface Section {
  id: string;
  heading: string;
  body: string;
  /** Full figures for bench/out/<id>.json (not committed). */
  json?: unknown;
}

export interface ScenarioRun {
  kind: TargetKind;
  options: BenchOptions;
  /** tmp/bench-<random>/: server logs, PGlite folders, CPU profiles. */
  workDir: string;
  log(line: string): void;
}

/**
 * A benchmark scenario. It starts what it needs (server, floor, seeded database) for one
 * database kind and returns the sections it wants written. Register it in bench/run.ts.
 */
export interface Scenario {
  /** One line for --help. */
  summary: string;
  /** The databases it runs on; the run's --targets narrows this further. */
  targets: readonly TargetKind[];
  run(run: ScenarioRun): Promise<Section[]>;
}
