import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { LoadResult } from './load';
import { CONTENDED_CORES, type ResourceUsage } from './resources';
import { ms, type Summary } from './stats';
import { shippedNodeFlags } from './shipped-flags';

export interface RunInfo {
  date: string;
  command: string;
  machine: string;
  node: string;
  database: string;
  botAck: boolean;
  build: string;
}

/** One measured rate: Loket, and the floor under the same load (absent with --no-floor). */
export interface Measured {
  label: string;
  loket: LoadResult;
  floor: LoadResult | null;
}

/** A target from the issue, checked against one row. */
export interface Goal {
  label: string;
  met: boolean;
  detail: string;
}

export function renderHeader(info: RunInfo, extra = ''): string {
  return [
    `Run ${info.date} · \`${info.command}\` · ${info.build}`,
    '',
    `${info.machine} · Node ${info.node} · ${info.database} · production build (\`node ${[...shippedNodeFlags(), 'dist/server/index.mjs'].join(' ')}\`, LOG_LEVEL=warn) · ` +
      `bot acknowledgement ${info.botAck ? 'on (as shipped)' : 'off'}${extra}`,
  ].join('\n');
}

const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '—');
const cells = (s: Summary) => `${s.n} | ${ms(s.min)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)}`;

/** Loket, floor and Loket ÷ floor per percentile, one group of rows per measured load. */
export function renderTable(rows: Measured[], what: string): string {
  const lines = [
    `| load | ${what} (ms) | n | min | median | p95 | p99 | max |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const { label, loket, floor } of rows) {
    lines.push(`| ${label} | **Loket** | ${cells(loket.latency)} |`);
    lines.push(`| ${label} | Loket, HTTP 200 | ${cells(loket.response)} |`);
    if (floor) {
      lines.push(`| ${label} | floor | ${cells(floor.latency)} |`);
      const a = loket.latency;
      const b = floor.latency;
      lines.push(`| ${label} | **Loket ÷ floor** | | ${ratio(a.min, b.min)} | ${ratio(a.p50, b.p50)} | ${ratio(a.p95, b.p95)} | ${ratio(a.p99, b.p99)} | ${ratio(a.max, b.max)} |`);
    }
  }
  return lines.join('\n');
}

/** The bullet lines under a table: what was sent, errors, load, for Loket and the floor. */
export function renderDetails(rows: Measured[]): string {
  const lines: string[] = [];
  for (const { label, loket, floor } of rows) {
    const o = loket.options;
    lines.push(
      `- ${label}: ${o.count} messages (after ${o.warmup} warm-up), ${o.sockets} agent sockets connected, ${o.measured} of them timed; ` +
        `achieved ${loket.achievedRate.toFixed(1)} msg/s; send lag p99 ${ms(loket.sendLag.p99)} ms; ` +
        `errors ${loket.errors}${loket.firstError ? ` (first: ${loket.firstError})` : ''}; events never arrived ${loket.missing}; sockets still connected ${loket.socketsConnectedAtEnd}.`,
    );
    if (loket.resources) lines.push(`  Loket load: ${describeUsage(loket.resources)}; attempt ${loket.attempt ?? 1}.${disturbed(loket.resources)}`);
    if (floor) {
      lines.push(
        `  Floor: achieved ${floor.achievedRate.toFixed(1)} msg/s, errors ${floor.errors}${floor.firstError ? ` (first: ${floor.firstError})` : ''}, never arrived ${floor.missing}` +
          (floor.resources ? `; ${describeUsage(floor.resources)}; attempt ${floor.attempt ?? 1}.${disturbed(floor.resources)}` : '.'),
      );
    }
  }
  return lines.join('\n');
}

export function renderGoals(goals: Goal[]): string {
  return goals.map((g) => `- Target ${g.label}: **${g.met ? 'met' : 'missed'}** (${g.detail}).`).join('\n');
}

function disturbed(u: ResourceUsage): string {
  return u.otherCores > CONTENDED_CORES
    ? ` **Disturbed:** other work on the machine used ${u.otherCores.toFixed(2)} cores during every attempt; rerun on a quiet machine.`
    : '';
}

export function describeUsage(u: ResourceUsage): string {
  const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
  return (
    `server CPU ${u.serverCpuMsPerMessage.toFixed(2)} ms/msg (GC ${u.gcMsPerMessage.toFixed(2)}), main thread busy ${pct(u.serverMainThreadBusy)}, ` +
    `event-loop delay p99 ${ms(u.eventLoopDelayP99Ms)} max ${ms(u.eventLoopDelayMaxMs)} ms; ` +
    (u.postgresCpuMsPerMessage > 0 ? `PostgreSQL ${u.postgresCpuMsPerMessage.toFixed(2)} ms CPU/msg; ` : '') +
    `load generator ${u.loadgenCpuMsPerMessage.toFixed(2)} ms CPU/msg; machine busy ${pct(u.machineBusy)} of all cores, ` +
    `other processes ${u.otherCores.toFixed(2)} cores`
  );
}

/** Replaces the text between `<!-- bench:<id> -->` and `<!-- /bench:<id> -->`, appending the section if it is new. */
export function writeSection(file: string, id: string, heading: string, body: string) {
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Loket benchmarks\n';
  const block = `${start}\n${body}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from !== -1 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n## ${heading}\n\n${block}\n`;
  writeFileSync(file, next);
}
