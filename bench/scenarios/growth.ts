import { loadOptions, loketThenFloor } from '../lib/compare';
import { type Measured, renderDetails, renderGoals, renderHeader, renderTable, type RunInfo } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import { seedHistory } from '../lib/seed-history';
import { ms } from '../lib/stats';
import { newCustomers } from './time-to-queue';

const SIZES = [1000, 10_000, 100_000];
const RATE = 200;
const COUNT = 4000;

/** "Flat": the largest median is at most 20% (or 1 ms, whichever is more) above the smallest. */
function flat(medians: number[]) {
  const lo = Math.min(...medians);
  const hi = Math.max(...medians);
  return hi - lo <= Math.max(1, 0.2 * lo);
}

export const growth: Scenario = {
  summary: 'time to queue with 1,000 / 10,000 / 100,000 past tickets in the database (200 msg/s)',
  targets: ['postgres'],
  async run(run) {
    const sizes = run.options.tickets ?? SIZES;
    const rate = run.options.rates?.[0] ?? RATE;
    const rows: Measured[] = [];
    let info: RunInfo | null = null;
    const seeded: string[] = [];
    for (const size of sizes) {
      const result = await loketThenFloor(
        run,
        async () => [{ label: `${size.toLocaleString('en')} tickets · ${rate}/s`, options: loadOptions(run, rate, COUNT), traffic: newCustomers() }],
        {
          label: `growth-${size}`,
          floorOnSameDatabase: true,
          async beforeStart(target) {
            const took = await seedHistory(target.env.DATABASE_URL as string, size);
            seeded.push(`${size.toLocaleString('en')} in ${(took / 1000).toFixed(1)} s`);
            run.log(`seeded ${size} past tickets in ${(took / 1000).toFixed(1)} s`);
          },
        },
      );
      info ??= result.info;
      rows.push(...result.rows);
    }
    const medians = rows.map((r) => r.loket.latency.p50);
    const floorMedians = rows.flatMap((r) => (r.floor ? [r.floor.latency.p50] : []));
    const goal = {
      label: 'time to queue stays flat from 1,000 to 100,000 tickets',
      met: flat(medians) && rows.every((r) => r.loket.errors === 0 && r.loket.missing === 0),
      detail: `medians ${rows.map((r, i) => `${r.label.split(' ·')[0]}: ${ms(medians[i] as number)} ms`).join(', ')}` +
        (floorMedians.length === rows.length ? `; floor ${floorMedians.map((m) => `${ms(m)}`).join(' / ')} ms` : '') +
        '; flat = largest median at most 20% (or 1 ms) above the smallest',
    };
    const body = [
      renderHeader(info as RunInfo, ` · past tickets seeded with generate_series before the server starts (resolved, 4 messages and 2 timeline entries each; seeding took ${seeded.join(', ')}); the floor runs on the same database right after Loket`),
      '',
      renderTable(rows, 'time to queue'),
      '',
      renderDetails(rows),
      renderGoals([goal]),
    ].join('\n');
    return [{ id: `growth:${run.kind}`, heading: '6. Growth: time to queue with past tickets in the database — PostgreSQL', body, json: { info, rows } }];
  },
};
