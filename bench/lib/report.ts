import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { TimeToQueueResult } from '../scenarios/time-to-queue';
import type { TargetKind } from './options';
import { CONTENDED_CORES, type ResourceUsage } from './resources';
import { ms, type Summary } from './stats';

export interface RunInfo {
  date: string;
  command: string;
  machine: string;
  node: string;
  database: string;
  botAck: boolean;
  build: string;
}

export interface TargetReport {
  kind: TargetKind;
  title: string;
  info: RunInfo;
  results: TimeToQueueResult[];
  serverRssMiB: number | null;
  outboundSent: number;
}

/** This issue's goal: p99 time-to-queue under 50 ms on PostgreSQL at 50 messages/s. */
export const TARGET = { kind: 'postgres', rate: 50, p99Ms: 50 } as const;

const row = (label: string, s: Summary) => `| ${label} | ${s.n} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.mean)} |`;

export function renderTarget(report: TargetReport): string {
  const { info } = report;
  const lines = [
    `Run ${info.date} · \`${info.command}\` · ${info.build}`,
    '',
    `${info.machine} · Node ${info.node} · ${info.database} · production build (\`node dist/server/index.mjs\`, LOG_LEVEL=warn) · ` +
      `bot acknowledgement ${info.botAck ? 'on (as shipped)' : 'off'}`,
    '',
    '| rate · sockets | measure (ms) | n | p50 | p90 | p99 | max | mean |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of report.results) {
    const tag = `${r.options.rate}/s · ${r.options.sockets}`;
    lines.push(row(`${tag} | **time to queue** (event − send)`, r.queue));
    lines.push(row(`${tag} | HTTP 200 (response − send)`, r.response));
  }
  lines.push('');
  for (const r of report.results) {
    const { rate, count, warmup, sockets } = r.options;
    lines.push(
      `- ${rate}/s: ${count} messages from ${count} distinct customers (after ${warmup} warm-up), ${sockets} agent socket(s); ` +
        `achieved ${r.achievedRate.toFixed(1)} msg/s; send lag p99 ${ms(r.sendLag.p99)} ms, max ${ms(r.sendLag.max)} ms; ` +
        `errors ${r.errors}${r.firstError ? ` (first: ${r.firstError})` : ''}; events never arrived ${r.missing}.`,
    );
    if (r.resources) {
      lines.push(`  Load: ${describeUsage(r.resources)}; machine ${(r.machineBusyBefore * 100).toFixed(0)}% busy just before; attempt ${r.attempt ?? 1}.`);
      if (r.resources.otherCores > CONTENDED_CORES) {
        lines.push(`  **Disturbed:** other work on the machine used ${r.resources.otherCores.toFixed(2)} cores during every attempt; rerun on a quiet machine.`);
      }
    }
    if (report.kind === TARGET.kind && rate === TARGET.rate) {
      const met = r.queue.p99 < TARGET.p99Ms && r.missing === 0 && r.errors === 0;
      lines.push(`- Target p99 < ${TARGET.p99Ms} ms at ${TARGET.rate}/s on PostgreSQL: **${met ? 'met' : 'missed'}** (p99 ${ms(r.queue.p99)} ms).`);
    }
  }
  lines.push(
    `- Server RSS at the end: ${report.serverRssMiB === null ? 'n/a' : `${report.serverRssMiB.toFixed(0)} MiB`}; ` +
      `bot acknowledgements delivered to the gateway sink (all attempts and warm-ups): ${report.outboundSent}.`,
  );
  return lines.join('\n');
}

export function describeUsage(u: ResourceUsage): string {
  const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
  return (
    `server CPU ${u.serverCpuMsPerMessage.toFixed(1)} ms/msg (GC ${u.gcMsPerMessage.toFixed(1)}), main thread busy ${pct(u.serverMainThreadBusy)}, ` +
    `event-loop delay p99 ${ms(u.eventLoopDelayP99Ms)} max ${ms(u.eventLoopDelayMaxMs)} ms; ` +
    (u.postgresCpuMsPerMessage > 0 ? `PostgreSQL ${u.postgresCpuMsPerMessage.toFixed(1)} ms CPU/msg; ` : '') +
    `load generator ${u.loadgenCpuMsPerMessage.toFixed(1)} ms CPU/msg; machine busy ${pct(u.machineBusy)} of all cores, ` +
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
