// Scenario 5, the big queue: 10,000 pending tickets. GET /api/tickets/queue?limit=50 at a steady
// rate (floor: the same SQL on a bare driver), the statement's plan, and the queue page in
// Chromium (bench/scenarios/big-queue-page.ts).
import { Agent, request } from 'node:http';
import { createAgentAccounts } from '../lib/agent-accounts';
import { defer } from '../lib/cleanup';
import { renderFigures, targetLine } from '../lib/figures-table';
import { leastDisturbed, startLoket } from '../lib/loket-server';
import { openLoop } from '../lib/open-loop';
import { describeUsage, renderHeader } from '../lib/report';
import { type ResourceSample, type ResourceUsage, usageBetween, waitForQuiet } from '../lib/resources';
import type { Scenario, ScenarioRun, Section } from '../lib/scenario';
import { seedDatabase } from '../lib/seed-queue';
import { fourFigures, ms, summarize } from '../lib/stats';
import { QUEUE_LIMIT } from '../../lib/ui/query-keys';
import { queueFloor } from './big-queue-floor';
import { measureQueuePage, type QueuePageResult } from './big-queue-page';

const PENDING = 10_000;
const LIMIT = 50;
/** About 100 agents each reloading the queue every 4 s: a busy desk, without queueing in the generator. */
const RATE = 25;
const COUNT = 1000;
const WARMUP = 50;
const NEW_TICKETS = 10;
/** The issue's targets, on PostgreSQL. */
const TARGETS = { apiP99Ms: 20, interactiveMs: 1500, renderMs: 100 };

const FIXED =
  '- Found and fixed (2026-11-24): the queue statement sorted every pending ticket (Seq Scan on tickets, hash joins, top-N heapsort: ' +
  '35 ms of PostgreSQL time per request at 10,000; PostgreSQL CPU per request 9.6 → 1.6 ms in the same disturbed run). Its `ORDER BY priority DESC` ' +
  'means NULLS FIRST, which tickets_queue_idx (`DESC NULLS LAST`) cannot give, and the status was a bound `$1`, which a cached generic ' +
  "plan cannot match to the index's `WHERE status = 'pending'`. lib/domain/tickets.ts `queueQuery` now says `desc nulls last` and " +
  "`status = 'pending'`; tests/integration/queue-plan.test.ts checks the plan (custom and generic) on PGlite and PostgreSQL.";

interface ApiResult {
  latencies: number[];
  errors: number;
  firstError: string | null;
  resources: ResourceUsage | null;
  machineBusyBefore: number;
  attempt?: number;
}

/** GET the queue at `rate`, open loop, over keep-alive connections (as many as needed). */
async function queueLoad(baseUrl: string, token: string, rate: number, count: number, warmup: number, quietWaitMs: number, sample: (reset: boolean) => Promise<ResourceSample>): Promise<ApiResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4_000 });
  const url = new URL(`/api/tickets/queue?limit=${LIMIT}`, baseUrl);
  const result: ApiResult = { latencies: [], errors: 0, firstError: null, resources: null, machineBusyBefore: 0 };
  const get = (keep: boolean) =>
    new Promise<void>((resolve) => {
      let tSend = 0;
      const fail = (message: string) => {
        result.errors += keep ? 1 : 0;
        result.firstError ??= message;
        resolve();
      };
      const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const latency = performance.now() - tSend;
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return fail(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`);
          const n = (JSON.parse(body) as { tickets: unknown[] }).tickets.length;
          if (n !== LIMIT) return fail(`${n} tickets in the answer, expected ${LIMIT}`);
          if (keep) result.latencies.push(latency);
          resolve();
        });
      });
      req.on('error', (e) => fail(e.message));
      tSend = performance.now();
      req.end();
    });
  try {
    const warm: Promise<void>[] = [];
    await openLoop(warmup, rate, () => warm.push(get(false)));
    await Promise.all(warm);
    result.machineBusyBefore = await waitForQuiet(0.15, 2_000, quietWaitMs);
    const before = await sample(true);
    const measured: Promise<void>[] = [];
    await openLoop(count, rate, () => measured.push(get(true)));
    await Promise.all(measured);
    result.resources = usageBetween(before, await sample(false), count);
    return result;
  } finally {
    agent.destroy();
  }
}

/** "darurat" (emergency) makes a ticket urgent: one of the rules the migrations ship. */
async function assertUrgentKeyword(baseUrl: string, adminToken: string) {
  const res = await fetch(`${baseUrl}/api/priority-rules`, { headers: { authorization: `Bearer ${adminToken}` } });
  if (!res.ok) throw new Error(`GET /api/priority-rules answered ${res.status}: ${await res.text()}`);
  const { rules } = (await res.json()) as { rules: { phrase: string; priority: string }[] };
  if (!rules.some((r) => r.phrase === 'darurat' && r.priority === 'urgent')) throw new Error('no keyword rule "darurat" → urgent');
}

/** No sequential scan of tickets, and no sort of every pending row (an index gives the order). */
export function planUsesIndex(plan: string[]): boolean {
  const text = plan.join('\n');
  return !/Seq Scan on tickets/.test(text) && !/\bSort\b/.test(text) && /tickets_queue_idx/.test(text);
}

/** The plan's top node and how it reads tickets. */
function planOutline(plan: string[]): string {
  const tickets = plan.find((line) => / on tickets\b/.test(line));
  return [plan[0], tickets].filter(Boolean).map((line) => (line as string).replace(/^[\s->]+/, '')).join(' … ');
}

export const bigQueue: Scenario = {
  summary: `${PENDING} pending tickets: GET /api/tickets/queue?limit=${LIMIT} at ${RATE}/s (--rate, --count), its plan, and the queue page in Chromium`,
  targets: ['pglite', 'postgres'],
  async run(run: ScenarioRun): Promise<Section[]> {
    const { kind, options, log } = run;
    const rate = options.rates?.[0] ?? RATE;
    const count = options.count ?? COUNT;
    const loket = await startLoket(run, {
      label: `big-queue-${kind}`,
      keepDatabase: true,
      env: { LOKET_SIGNIN_PER_MINUTE: '1000' },
      async beforeStart(target) {
        const started = performance.now();
        await seedDatabase(target.env, { count: PENDING, phonePrefix: '6283', mixed: true });
        log(`seeded ${PENDING} pending tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    });
    const dropDatabase = defer(`drop ${loket.target.location}`, () => loket.target.dispose());
    try {
      let api: ApiResult;
      let page: QueuePageResult;
      let rssMiB: number | null;
      let info;
      try {
        const [agent] = await createAgentAccounts(loket.server.baseUrl, loket.adminToken, 1, 'queue');
        if (!agent) throw new Error('no agent');
        await assertUrgentKeyword(loket.server.baseUrl, loket.adminToken);
        log(`GET /api/tickets/queue?limit=${LIMIT} × ${count} at ${rate}/s …`);
        api = await leastDisturbed(
          () => queueLoad(loket.server.baseUrl, agent.token, rate, count, WARMUP, options.quietWaitMs, loket.server.sample),
          options.attempts,
          log,
        );
        log(`API ${fourFigures(summarize(api.latencies))}; errors ${api.errors}`);
        const unix = Math.floor(Date.now() / 1000);
        page = await measureQueuePage({
          baseUrl: loket.server.baseUrl,
          cookie: agent.cookie,
          client: loket.client,
          newTickets: NEW_TICKETS,
          warmLoads: 5,
          message: (i) => ({ id: `urgent-${i}`, from: `6284${String(i).padStart(8, '0')}`, name: `Darurat ${i + 1}`, text: `Darurat! Pesanan #${i} hilang`, timestamp: unix }),
        });
        log(`page: rows after ${page.loads.map((l) => ms(l.rowsMs)).join(', ')} ms; new ticket on screen ${page.toScreen.map(ms).join(', ')} ms; ${page.rowsInDom} rows in the DOM`);
        const rss = loket.server.rssKiB();
        rssMiB = rss === null ? null : rss / 1024;
        info = await loket.info();
      } finally {
        await loket.close();
      }
      const floor = await queueFloor(loket.target, LIMIT, rate, count, WARMUP, options.floor !== 'off');
      const indexed = planUsesIndex(floor.plan);
      const apiSummary = summarize(api.latencies);
      const loads = summarize(page.loads.map((l) => l.rowsMs));
      const render = summarize(page.toScreen);
      const lines = [
        renderHeader(info, ` · ${PENDING.toLocaleString('en')} pending tickets (seeded: 15 % high, 65 % medium, 20 % low, created over the last hour)`),
        '',
        renderFigures([
          { label: `**GET /api/tickets/queue?limit=${LIMIT}** (send → full answer)`, loket: apiSummary, floor: floor.latencies.length ? summarize(floor.latencies) : null, floorLabel: 'floor: the same SQL on a bare driver' },
          { label: '**queue page: navigation → first rows** (Chromium)', loket: loads },
          { label: '**new ticket: socket frame → row on screen** (same page clock)', loket: render },
          { label: 'new ticket: socket frame → row in the DOM', loket: summarize(page.toDom) },
        ]),
        '',
        `- API: ${count} requests (after ${WARMUP} warm-up) at ${rate}/s, open loop, by one agent (API token); each answer checked to hold ${LIMIT} tickets; errors ${api.errors}${api.firstError ? ` (first: ${api.firstError})` : ''}.` +
          (api.resources ? ` Load, per request: ${describeUsage(api.resources).replace(/msg/g, 'request')}; attempt ${api.attempt ?? 1}.` : ''),
        `- Query plan (EXPLAIN ANALYZE on this database; ${indexed ? 'uses tickets_queue_idx, no Seq Scan on tickets, no Sort of the pending rows' : '**does not use the queue index as expected**'}): ` +
          `\`${planOutline(floor.plan)}\`.`,
        `- Page (${page.userAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}, signed in as an agent): navigation → first queue rows ${page.loads.map((l) => `${ms(l.rowsMs)}${l.cold ? ' (cold)' : ''}`).join(', ')} ms ` +
          `(DOMContentLoaded ${page.loads.map((l) => ms(l.domContentLoadedMs)).join(', ')} ms); the rows are fetched and rendered by the hydrated client, and \`j\` then ${page.keyboard ? 'moved the focus to a row' : '**did not move the focus**'}.`,
        `- ${NEW_TICKETS} new urgent tickets (keyword "darurat", a shipped rule), one at a time, each going to the top of the queue; never shown: ${page.missing}. ` +
          `**Rows in the DOM: ${page.rowsInDom}** at the end, at most ${page.maxRowsInDom} (the page shows the first ${QUEUE_LIMIT}, never all ${PENDING.toLocaleString('en')}).`,
        `- Server RSS at the end: ${rssMiB === null ? 'n/a' : `${rssMiB.toFixed(0)} MiB`}.`,
        FIXED,
      ];
      if (kind === 'postgres') {
        lines.push(targetLine(`API p99 ≤ ${TARGETS.apiP99Ms} ms`, api.errors === 0 && apiSummary.p99 <= TARGETS.apiP99Ms, `p99 ${ms(apiSummary.p99)} ms`));
        lines.push(targetLine('the queue statement uses an index', indexed, planOutline(floor.plan)));
        lines.push(targetLine(`page interactive ≤ ${TARGETS.interactiveMs} ms`, loads.max <= TARGETS.interactiveMs, `slowest of ${loads.n} loads ${ms(loads.max)} ms`));
        lines.push(targetLine(`new ticket on screen ≤ ${TARGETS.renderMs} ms after its event`, page.missing === 0 && render.max <= TARGETS.renderMs, `slowest ${ms(render.max)} ms`));
        lines.push(targetLine(`never ${PENDING.toLocaleString('en')} rows in the DOM`, page.maxRowsInDom <= QUEUE_LIMIT, `at most ${page.maxRowsInDom}`));
      }
      return [
        {
          id: `big-queue:${kind}`,
          heading: `5. Big queue (${PENDING.toLocaleString('en')} pending) — ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
          body: lines.join('\n'),
          json: { info, api: apiSummary, apiResources: api.resources, floor: floor.latencies.length ? summarize(floor.latencies) : null, plan: floor.plan, page, rssMiB },
        },
      ];
    } finally {
      await dropDatabase();
    }
  },
};
