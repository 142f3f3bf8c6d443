import { loadOptions, loketThenFloor } from '../lib/compare';
import { type Measured, renderDetails, renderGoals, renderHeader, renderTable, type RunInfo } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import { seedHistory } from '../lib/seed-history';
import { ms } from '../lib/stats';
import { newCustomers } from './time-to-queue';

const SIZES = [1000, 10_000, 100_000];
const RATE = 200;
const COUNT = 4000;

/**
 * Each size is measured twice, in the order 1,000 · 10,000 · 100,000 · 100,000 · 10,000 · 1,000 (a
 * fresh database each time), and its median is the mean of its two. The host's speed drifts over
 * the minutes the scenario takes (a single run's median moves by 1 ms and more); the mirrored order
 * gives every size the same mean position, so the drift cancels instead of landing on one size.
 */
export function visitOrder(sizes: number[]): number[] {
  return sizes.length > 1 ? [...sizes, ...[...sizes].reverse()] : sizes;
}

/** "Flat": the largest median is at most 20% (or 1 ms, whichever is more) above the smallest. */
export function flat(medians: number[]) {
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
    const measured: { size: number; row: Measured }[] = [];
    let info: RunInfo | null = null;
    const seeded: string[] = [];
    const visits = visitOrder(sizes);
    for (const [visit, size] of visits.entries()) {
      const pass = visits.length > sizes.length ? (visit < sizes.length ? ' · 1st' : ' · 2nd') : '';
      const result = await loketThenFloor(
        run,
        async () => [{ label: `${size.toLocaleString('en')} tickets · ${rate}/s${pass}`, options: loadOptions(run, rate, COUNT), traffic: newCustomers() }],
        {
          label: `growth-${size}-${visit}`,
          floorOnSameDatabase: true,
          async beforeStart(target) {
            const took = await seedHistory(target.env.DATABASE_URL as string, size);
            seeded.push(`${size.toLocaleString('en')} in ${(took / 1000).toFixed(1)} s`);
            run.log(`seeded ${size} past tickets in ${(took / 1000).toFixed(1)} s`);
          },
        },
      );
      info ??= result.info;
      measured.push(...result.rows.map((row) => ({ size, row })));
    }
    const rows = measured.map(({ row }) => row);
    const rowsOf = (size: number) => measured.filter((m) => m.size === size).map(({ row }) => row);
    const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
    const medians = sizes.map((size) => mean(rowsOf(size).map((r) => r.loket.latency.p50)));
    const floorMedians = sizes.map((size) => mean(rowsOf(size).flatMap((r) => (r.floor ? [r.floor.latency.p50] : []))));
    const each = (size: number) => rowsOf(size).map((r) => ms(r.loket.latency.p50));
    const goal = {
      label: 'time to queue stays flat from 1,000 to 100,000 tickets',
      met: flat(medians) && rows.every((r) => r.loket.errors === 0 && r.loket.missing === 0),
      detail: `medians ${sizes.map((size, i) => `${size.toLocaleString('en')} tickets: ${ms(medians[i] as number)} ms (${each(size).join(' and ')})`).join(', ')}` +
        (floorMedians.every(Number.isFinite) ? `; floor ${floorMedians.map((m) => `${ms(m)}`).join(' / ')} ms` : '') +
        `; ${visits.length > sizes.length ? "a size's median is the mean of its two runs' medians; " : ''}flat = largest median at most 20% (or 1 ms) above the smallest`,
    };
    const body = [
      renderHeader(info as RunInfo, ` · past tickets seeded with generate_series before the server starts (resolved, 4 messages and 2 timeline entries each; seeding took ${seeded.join(', ')}); the floor runs on the same database right after Loket; sizes visited in the order ${visits.map((s) => s.toLocaleString('en')).join(' · ')}, a fresh database each time`),
      '',
      renderTable(rows, 'time to queue'),
      '',
      renderDetails(rows),
      renderGoals([goal]),
    ].join('\n');
    return [{ id: `growth:${run.kind}`, heading: '6. Growth: time to queue with past tickets in the database — PostgreSQL', body, json: { info, rows } }];
  },
};
