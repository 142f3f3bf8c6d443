// The supervisor's ticket browser and analytics on a desk with history:
//   npm run bench:browser [-- --count 100000 --runs 50 --pglite]
// Seeds `count` tickets (lib/db/seed-tickets.ts) into a throwaway PostgreSQL database on
// DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres), times the search
// and the 30-day report in-process (the domain functions the routes call), and writes the
// `ticket-browser:postgres` section of bench/RESULTS.md. --pglite repeats it on embedded PGlite.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../lib/db/client';
import { migrateDatabase } from '../lib/db/migrate';
import { explainPlan } from '../lib/db/rows';
import { seedTickets } from '../lib/db/seed-tickets';
import { getAnalyticsReport } from '../lib/domain/analytics/report';
import { searchTickets, ticketSearchQuery, ticketSearchSchema } from '../lib/domain/ticket-search';
import { describeMachine } from './lib/environment';
import { writeSection } from './lib/report';
import { ms, type Summary, summarize } from './lib/stats';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '50' },
    pglite: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const runs = Number(values.runs);

interface Row {
  label: string;
  summary: Summary;
  plan: string;
}

const dayOffset = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function time(fn: () => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < 3; i += 1) await fn(); // warm caches and plans
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** The index names a plan uses, and whether it reads the whole tickets table. */
function planSummary(plan: string): string {
  const indexes = [...new Set([...plan.matchAll(/(?:using|Bitmap Index Scan on) (\w+)/gi)].map((m) => m[1]))];
  const seq = [...new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]))];
  return [indexes.length ? indexes.join(', ') : 'no index', seq.length ? `seq scan: ${seq.join(', ')}` : ''].filter(Boolean).join('; ');
}

async function measure(handle: DatabaseHandle): Promise<{ rows: Row[]; seedMs: number; exportMs: number; load: string }> {
  const { db } = handle;
  const loadBefore = loadavg()[0]!;
  const seeded = await seedTickets(db, { count, days: 60 });
  console.log(`seeded ${seeded.tickets} tickets, ${seeded.messages} messages in ${(seeded.ms / 1000).toFixed(1)} s`);
  const parse = (q: Record<string, unknown>) => ticketSearchSchema.parse(q);
  // The cursor of page 50 (pages of 50), walked once.
  let cursor: string | null = null;
  for (let page = 1; page < 50; page += 1) cursor = (await searchTickets(db, parse({ cursor: cursor ?? undefined }))).next_cursor;
  const [agent] = (await searchTickets(db, parse({ status: ['resolved'], limit: 1 }))).tickets;
  const cases: [string, Record<string, unknown>][] = [
    ['first page (50, no filter)', {}],
    ['page 50 via cursor', { cursor }],
    ['q = customer name ("santoso")', { q: 'santoso' }],
    ['q = phone digits ("0800001234")', { q: '0800001234' }],
    ['q = rare message text ("order 104321")', { q: 'order 104321' }],
    ['q = common message text ("belum sampai")', { q: 'belum sampai' }],
    ['filters: resolved + high + last 7 days', { status: ['resolved'], priority: ['high'], from: dayOffset(7), to: dayOffset(0) }],
    ['filters: one agent, one channel', { agent_id: agent?.assigned_agent_id, channel_id: agent?.channel_id }],
  ];
  const rows: Row[] = [];
  for (const [label, query] of cases) {
    const search = parse(query);
    const plan = await explainPlan(db, (await ticketSearchQuery(db, search)).query);
    rows.push({ label, summary: await time(() => searchTickets(db, search)), plan: planSummary(plan) });
    console.log(label, ms(rows.at(-1)!.summary.p50), 'ms median');
  }
  const report = { from: dayOffset(30), to: dayOffset(1) };
  rows.push({ label: `analytics, 30 days (${report.from} … ${report.to})`, summary: await time(() => getAnalyticsReport(db, report)), plan: '4 queries (created-range totals + distributions, resolved-range totals, series, per agent)' });
  console.log('analytics', ms(rows.at(-1)!.summary.p50), 'ms median');
  const { exportTicketsCsv } = await import('../lib/domain/ticket-export');
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of exportTicketsCsv(db, { status: [], priority: [] })) bytes += chunk.length;
  const exportMs = performance.now() - started;
  console.log(`export of every ticket: ${(bytes / 2 ** 20).toFixed(1)} MiB in ${(exportMs / 1000).toFixed(1)} s`);
  // Other work on the machine slows every query: the figures are only as quiet as the machine was.
  return { rows, seedMs: seeded.ms, exportMs, load: `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}` };
}

function render(database: string, result: Awaited<ReturnType<typeof measure>>): string {
  const lines = [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · \`npm run bench:browser -- --count ${count} --runs ${runs}\``,
    '',
    `${describeMachine()} · Node ${process.versions.node} · ${database} · in-process domain calls (what the routes run, without HTTP) · ` +
      `${count.toLocaleString('en')} tickets over 60 days seeded in ${(result.seedMs / 1000).toFixed(0)} s · ${runs} runs per row after 3 warm-ups · load average (1 min) ${result.load} during the queries`,
    '',
    '| query | min | median | p95 | p99 | max (ms) | plan (indexes) |',
    '|---|---|---|---|---|---|---|',
    ...result.rows.map((r) => `| ${r.label} | ${ms(r.summary.min)} | ${ms(r.summary.p50)} | ${ms(r.summary.p95)} | ${ms(r.summary.p99)} | ${ms(r.summary.max)} | ${r.plan} |`),
    '',
    `CSV export of all ${count.toLocaleString('en')} tickets (keyset pages of 500, streamed): ${(result.exportMs / 1000).toFixed(1)} s.`,
  ];
  return lines.join('\n');
}

async function onPostgres() {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `loket_bench_browser_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), maxConnections: 4 });
  try {
    await migrateDatabase(handle);
    const [version] = await admin`show server_version`;
    const result = await measure(handle);
    const body = render(`PostgreSQL ${String(version?.server_version).split(' ')[0]} (same machine, TCP)`, result);
    writeSection('bench/RESULTS.md', 'ticket-browser:postgres', 'Ticket browser and analytics at 100,000 tickets (PostgreSQL)', body);
    console.log(body);
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function onPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'loket-bench-browser-'));
  const handle = await openDatabase({ dataDir: dir });
  try {
    await migrateDatabase(handle);
    const result = await measure(handle);
    const body = render('PGlite (embedded, on disk)', result);
    writeSection('bench/RESULTS.md', 'ticket-browser:pglite', 'Ticket browser and analytics at 100,000 tickets (PGlite)', body);
    console.log(body);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await onPostgres();
if (values.pglite) await onPglite();
