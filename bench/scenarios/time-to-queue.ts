import { loadOptions, loketThenFloor } from '../lib/compare';
import type { Traffic } from '../lib/load';
import { type Goal, type Measured, renderDetails, renderGoals, renderHeader, renderTable } from '../lib/report';
import type { Scenario, ScenarioRun } from '../lib/scenario';
import { ms } from '../lib/stats';

/** Every message from a customer Loket has not seen: a new ticket, timed to `ticket:created` on the agents' sockets. */
export function newCustomers(): Traffic {
  return {
    listen: { event: 'ticket:created', batchEvent: 'tickets:created', key: (t) => (t as { customer_phone?: string | null }).customer_phone ?? null },
    expectBody: '"ticket_created":true',
    message(phase, i) {
      // 62 + phase (4 digits) + index (7 digits): a distinct customer for every message.
      const phone = `62${String(phase).padStart(4, '0')}${String(i).padStart(7, '0')}`;
      const body = { id: `q-${phone}`, from: phone, name: `Bench ${i}`, text: `Halo, pesanan #${i} belum sampai`, timestamp: Math.floor(Date.now() / 1000) };
      return { body, key: phone, sockets: 'all' };
    },
  };
}

/** Enough messages for ~30 s (40 s at 50/s), and 30,000 at 1,000/s: "sustained for 30 s". */
export const countFor = (rate: number) => Math.max(2000, rate * 30);

export function timeToQueueGoals(kind: ScenarioRun['kind'], rows: Measured[]): Goal[] {
  const goals: Goal[] = [];
  const at = (rate: number) => rows.find((r) => r.loket.options.rate === rate);
  const clean = (r: Measured) => r.loket.errors === 0 && r.loket.missing === 0;
  if (kind === 'pglite') {
    const r = at(50);
    if (r) goals.push({ label: 'p99 ≤ 50 ms at 50/s on PGlite', met: r.loket.latency.p99 <= 50 && clean(r), detail: `p99 ${ms(r.loket.latency.p99)} ms` });
    return goals;
  }
  const r200 = at(200);
  if (r200) goals.push({ label: 'p99 ≤ 25 ms at 200/s', met: r200.loket.latency.p99 <= 25 && clean(r200), detail: `p99 ${ms(r200.loket.latency.p99)} ms` });
  const r1000 = at(1000);
  if (r1000) {
    const o = r1000.loket.options;
    const seconds = o.count / o.rate;
    const sustained = seconds >= 30 && r1000.loket.achievedRate >= 0.98 * o.rate;
    goals.push({
      label: '1,000/s sustained for 30 s with p99 ≤ 100 ms and no errors',
      met: sustained && r1000.loket.latency.p99 <= 100 && clean(r1000),
      detail: `${o.count} messages in ${seconds.toFixed(0)} s, achieved ${r1000.loket.achievedRate.toFixed(0)}/s, p99 ${ms(r1000.loket.latency.p99)} ms, errors ${r1000.loket.errors}, never arrived ${r1000.loket.missing}`,
    });
  }
  for (const r of rows) {
    if (!r.floor) continue;
    const x = r.loket.latency.p50 / r.floor.latency.p50;
    goals.push({ label: `median ≤ 3 × floor at ${r.label}`, met: x <= 3, detail: `${ms(r.loket.latency.p50)} ms ÷ ${ms(r.floor.latency.p50)} ms = ${x.toFixed(1)}×` });
  }
  return goals;
}

export const timeToQueueScenario: Scenario = {
  summary: 'new customers: webhook → ticket:created on 200 agent sockets, 50/200/1,000 msg/s (PGlite 50/s)',
  targets: ['pglite', 'postgres'],
  async run(run) {
    const rates = run.options.rates ?? (run.kind === 'pglite' ? [50] : [50, 200, 1000]);
    const { info, rows, outboundSent, serverRssMiB } = await loketThenFloor(run, async () =>
      rates.map((rate) => ({ label: `${rate}/s`, options: loadOptions(run, rate, countFor(rate)), traffic: newCustomers() })),
    );
    const title = run.kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const body = [
      renderHeader(info),
      '',
      renderTable(rows, 'time to queue'),
      '',
      renderDetails(rows),
      `- Server RSS at the end: ${serverRssMiB === null ? 'n/a' : `${serverRssMiB.toFixed(0)} MiB`}; bot acknowledgements delivered to the gateway sink (warm-ups and attempts included): ${outboundSent}.`,
      renderGoals(timeToQueueGoals(run.kind, rows)),
    ].join('\n');
    return [{ id: `time-to-queue:${run.kind}`, heading: `1. Time to queue — ${title}`, body, json: { info, rows } }];
  },
};
