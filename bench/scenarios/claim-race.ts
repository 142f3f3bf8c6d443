// Scenario 3, the claim race: 100 agents (each with its own API token and keep-alive connection)
// all press "claim" on the same pending ticket at once, for each of 1,000 tickets in turn.
// Exactly one may win each ticket (one 200 per ticket, and the database's assignee is that
// agent); the others get 409. Floor: bench/scenarios/claim-race-floor.ts.
import { createAgentAccounts } from '../lib/agent-accounts';
import { type ApiClient, createApiClient } from '../lib/api-client';
import { defer } from '../lib/cleanup';
import { renderFigures, targetLine } from '../lib/figures-table';
import { startLoket } from '../lib/loket-server';
import { describeUsage, renderHeader } from '../lib/report';
import { type ResourceSample, type ResourceUsage, usageBetween, waitForQuiet } from '../lib/resources';
import type { Scenario, ScenarioRun, Section } from '../lib/scenario';
import { seedDatabase } from '../lib/seed-queue';
import { fourFigures, ms, summarize } from '../lib/stats';
import { claimFloor, FLOOR_POOL } from './claim-race-floor';
import { fetchAssignees } from './claim-race-check';

const AGENTS = 100;
const TICKETS = 1000;
/** PGlite runs the database on the server's main thread: 200 tickets (20,000 claims) tell as much, in a third of the time. */
const PGLITE_TICKETS = 200;
const WARMUP = 20;
/** The issue's target, on PostgreSQL. */
const P99_TARGET_MS = 15;

const CAUSE =
  '- Why the target is missed: the bare floor itself (the claim UPDATE alone, 100 racers on a 20-connection pool, no HTTP) ' +
  'had a p99 of 10 to 19 ms on this machine kind in recent sessions, and Loket adds one HTTP exchange per racer on top: 100 requests arriving together ' +
  "still queue on one Node process (~0.06 ms of server CPU each, plus the load generator's own ~0.05 ms per request on the other " +
  'core).';

const CHANGES =
  '- What was changed (2026-11-24, second session), server CPU per claim 1.84 → 0.12 ms, p99 227 → 27.5 ms: the claim is ' +
  "answered before Next's router (server/fast-routes.ts, same checks and bodies as the Next route through " +
  'lib/http/api-guard.ts); claims of one ticket that arrive while one is in flight in this process wait for it and share its ' +
  'outcome (lib/domain/claim-flight.ts; the conditional UPDATE still decides between processes); a bearer token is believed for ' +
  '5 s after the database vouched for it (lib/auth/token-cache.ts); a ticket already taken is answered from one read; the ' +
  "winner's capacity check and two writes go in one round trip. Third session, 0.12 → 0.06 ms per claim, p99 27.5 → 14.7 ms: " +
  "BEGIN leaves with the agent's lock and the UPDATE (lib/db/pipelined-transaction.ts), the winner's view is read inside the " +
  'transaction, and that view query is built once (lib/domain/ticket-views.ts). Thirteenth session, 0.07 → 0.06 ms per claim: ' +
  "a domain error (each loser's 409) records no stack (lib/domain/errors.ts). Exactly-one-winner held in every run.";

interface RaceResult {
  latencies: number[];
  winners: number[];
  losers: number[];
  /** Per measured ticket: the index of the agent whose claim answered 200 (-1: none, -2: more than one). */
  winnerOf: Map<number, number>;
  errors: number;
  firstError: string | null;
  /** Wall time of the measured rounds. */
  seconds: number;
  resources: ResourceUsage | null;
  machineBusyBefore: number;
}

async function race(
  clients: ApiClient[],
  ticketIds: number[],
  warmup: number,
  run: ScenarioRun,
  sample: (reset: boolean) => Promise<ResourceSample>,
): Promise<RaceResult> {
  const result: RaceResult = { latencies: [], winners: [], losers: [], winnerOf: new Map(), errors: 0, firstError: null, seconds: 0, resources: null, machineBusyBefore: 0 };
  let before = null;
  let started = 0;
  for (let t = 0; t < ticketIds.length; t++) {
    const measured = t >= warmup;
    if (t === warmup) {
      result.machineBusyBefore = await waitForQuiet(0.15, 2_000, run.options.quietWaitMs);
      before = await sample(true);
      started = performance.now();
      run.log(`racing ${ticketIds.length - warmup} tickets …`);
    }
    const ticketId = ticketIds[t] as number;
    // Everyone at once; who goes first rotates, so no agent is always ahead.
    const shift = t % clients.length;
    const order = clients.map((_, k) => (k + shift) % clients.length);
    const answers = await Promise.all(order.map((i) => (clients[i] as ApiClient).send('POST', `/api/tickets/${ticketId}/claim`)));
    if (!measured) continue;
    let winner = -1;
    answers.forEach((a, k) => {
      const latency = a.tDone - a.tSend;
      result.latencies.push(latency);
      if (a.status === 200) {
        result.winners.push(latency);
        winner = winner === -1 ? (order[k] as number) : -2;
      } else if (a.status === 409) result.losers.push(latency);
      else {
        result.errors += 1;
        result.firstError ??= a.error ?? `HTTP ${a.status}: ${a.body.slice(0, 200)}`;
      }
    });
    result.winnerOf.set(ticketId, winner);
    if ((t - warmup + 1) % 100 === 0) run.log(`${t - warmup + 1} tickets raced in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  result.seconds = (performance.now() - started) / 1000;
  const after = await sample(false);
  if (before) result.resources = usageBetween(before, after, result.latencies.length);
  return result;
}

export const claimRace: Scenario = {
  summary: `${AGENTS} agents race for each of ${TICKETS} pending tickets (PGlite ${PGLITE_TICKETS}; --count: tickets); floor: the claim UPDATE raced by ${AGENTS} bare clients`,
  targets: ['pglite', 'postgres'],
  async run(run: ScenarioRun): Promise<Section[]> {
    const { kind, options, log } = run;
    const tickets = options.count ?? (kind === 'pglite' ? PGLITE_TICKETS : TICKETS);
    let appIds: number[] = [];
    let floorIds: number[] = [];
    const loket = await startLoket(run, {
      label: `claim-race-${kind}`,
      keepDatabase: true,
      // The racers sign in to issue their tokens: more than the default rate limit allows in a minute.
      env: { LOKET_SIGNIN_PER_MINUTE: '1000' },
      async beforeStart(target) {
        appIds = await seedDatabase(target.env, { count: WARMUP + tickets, phonePrefix: '6281' });
        if (options.floor !== 'off') floorIds = await seedDatabase(target.env, { count: WARMUP + tickets, phonePrefix: '6282' });
      },
    });
    const dropDatabase = defer(`drop ${loket.target.location}`, () => loket.target.dispose());
    try {
      let raced: RaceResult;
      let agentIds: number[];
      let assignees: Map<number, number | null>;
      let rssMiB: number | null;
      let info;
      try {
        log(`creating ${AGENTS} agents with API tokens …`);
        const accounts = await createAgentAccounts(loket.server.baseUrl, loket.adminToken, AGENTS, 'racer');
        agentIds = accounts.map((a) => a.id);
        const clients = accounts.map((a) => createApiClient(loket.server.baseUrl, a.token));
        try {
          raced = await race(clients, appIds, WARMUP, run, loket.server.sample);
        } finally {
          for (const c of clients) c.close();
        }
        assignees = await fetchAssignees(loket.server.baseUrl, loket.adminToken, appIds.slice(WARMUP));
        const rss = loket.server.rssKiB();
        rssMiB = rss === null ? null : rss / 1024;
        info = await loket.info();
      } finally {
        await loket.close();
      }
      const floor = options.floor !== 'off' ? await claimFloor(loket.target, floorIds, agentIds, WARMUP) : null;
      if (floor) log(`floor: ${fourFigures(summarize(floor.latencies))}`);

      let rightWinner = 0;
      const wrong: string[] = [];
      for (const [ticketId, winner] of raced.winnerOf) {
        const assignee = assignees.get(ticketId) ?? null;
        if (winner >= 0 && assignee === agentIds[winner]) rightWinner += 1;
        else if (wrong.length < 5) wrong.push(`#${ticketId}: ${winner === -1 ? 'no 200' : winner === -2 ? 'several 200s' : `200 for agent ${agentIds[winner]}`}, database says ${assignee ?? 'nobody'}`);
      }
      const all = summarize(raced.latencies);
      const measuredTickets = raced.winnerOf.size;
      log(`claims ${fourFigures(all)}; ${rightWinner}/${measuredTickets} tickets with exactly one winner who is the assignee; errors ${raced.errors}`);
      const exact = rightWinner === measuredTickets && raced.errors === 0;

      const lines = [
        renderHeader(info, ` · ${AGENTS} agents, each with its own API token and keep-alive connection`),
        '',
        renderFigures([
          { label: '**claim** (every racer: send → full answer)', loket: all, floor: floor ? summarize(floor.latencies) : null, floorLabel: `floor: the claim UPDATE, ${AGENTS} bare clients` },
          { label: 'the winner (200)', loket: summarize(raced.winners) },
          { label: 'the others (409)', loket: summarize(raced.losers) },
        ]),
        '',
        `- ${measuredTickets} tickets (after ${WARMUP} warm-up), each raced by all ${AGENTS} agents at once: ${raced.latencies.length} claims in ${raced.seconds.toFixed(1)} s ` +
          `(${(raced.latencies.length / raced.seconds).toFixed(0)} claims/s). **Exactly one winner: ${rightWinner} of ${measuredTickets} tickets** had one 200 and the database's assignee is that agent` +
          `${wrong.length ? ` (first wrong: ${wrong.join('; ')})` : ''}; other answers than 200/409: ${raced.errors}${raced.firstError ? ` (first: ${raced.firstError})` : ''}.`,
      ];
      if (floor) {
        lines.push(
          `- Floor: for each of ${floor.tickets} more seeded tickets, ${AGENTS} bare racers ` +
            (kind === 'pglite'
              ? 'on one embedded PGlite in the bench process (as in the server) '
              : `on one postgres.js pool of ${FLOOR_POOL} connections (Loket's pool size; this PostgreSQL allows 100 connections in all, so not one each) `) +
            `send \`${floor.sql}\` at once; exactly one winner on ${floor.oneWinner} of ${floor.tickets}.`,
        );
      }
      if (raced.resources) {
        lines.push(`- Load, per claim: ${describeUsage(raced.resources).replace(/msg/g, 'claim')}; machine ${(raced.machineBusyBefore * 100).toFixed(0)}% busy just before.`);
      }
      if (kind === 'postgres') lines.push(targetLine(`claim p99 ≤ ${P99_TARGET_MS} ms on PostgreSQL, exactly one winner per ticket`, exact && all.p99 <= P99_TARGET_MS, `p99 ${ms(all.p99)} ms; one winner on ${rightWinner}/${measuredTickets}`));
      lines.push(`- Server RSS at the end: ${rssMiB === null ? 'n/a' : `${rssMiB.toFixed(0)} MiB`}.`, CHANGES);
      if (kind === 'postgres' && !(exact && all.p99 <= P99_TARGET_MS)) lines.push(CAUSE);
      return [
        {
          id: `claim-race:${kind}`,
          heading: `3. Claim race — ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
          body: lines.join('\n'),
          json: { info, claims: all, winners: summarize(raced.winners), losers: summarize(raced.losers), floor: floor && summarize(floor.latencies), rightWinner, measuredTickets, errors: raced.errors, resources: raced.resources, rssMiB },
        },
      ];
    } finally {
      await dropDatabase();
    }
  },
};
