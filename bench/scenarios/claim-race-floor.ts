// The claim race's floor: Loket's deciding statement, the conditional UPDATE … WHERE status =
// 'pending' RETURNING, raced for each ticket by one bare racer per agent, with no HTTP, auth,
// ORM or transaction around it. PostgreSQL: 100 racers on one postgres.js pool of 20 connections.
// PGlite: one embedded database in this process (as inside Loket's server), 100 statements at once.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../lib/db/schema';
import { assignedTo } from '../../lib/domain/assigned-to';
import type { DatabaseTarget } from '../lib/targets';

export interface ClaimFloorResult {
  /** Statement latency, every racer of every ticket. */
  latencies: number[];
  /** Tickets with exactly one winning statement. */
  oneWinner: number;
  tickets: number;
  sql: string;
}

/** The claim UPDATE exactly as Drizzle writes it for lib/domain/tickets.ts claimTicket (keep in step). */
export function claimStatement(ticketId: number, agentId: number) {
  const db = drizzle.mock({ schema });
  const now = new Date();
  return db
    .update(schema.tickets)
    .set(assignedTo(agentId, now))
    .where(and(eq(schema.tickets.id, ticketId), eq(schema.tickets.status, 'pending')))
    .returning({ id: schema.tickets.id })
    .toSQL();
}

export const FLOOR_POOL = 20;

type Racer = (text: string, params: unknown[]) => Promise<number>;

async function openRacers(target: DatabaseTarget, count: number): Promise<{ racers: Racer[]; close: () => Promise<void> }> {
  const url = target.env.DATABASE_URL;
  if (url) {
    // One pool of Loket's size: this PostgreSQL allows 100 connections in all (max_connections),
    // so 100 racers share 20, as Loket's 100 requests share its pool of 20 (lib/db/client.ts).
    const sql = postgres(url, { max: FLOOR_POOL, onnotice: () => {} });
    await Promise.all(Array.from({ length: FLOOR_POOL }, () => sql`select pg_sleep(0.01)`));
    // Named prepared statements, as Loket's client sends them.
    const racer: Racer = async (text, params) => (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })).length;
    return { racers: Array.from({ length: count }, () => racer), close: () => sql.end({ timeout: 5 }) };
  }
  const pg = new PGlite({ dataDir: join(target.env.LOKET_DATA_DIR as string, 'pglite'), extensions: { pg_trgm } });
  await pg.waitReady;
  const racer: Racer = async (text, params) => (await pg.query(text, params)).rows.length;
  return { racers: Array.from({ length: count }, () => racer), close: () => pg.close() };
}

/** Races every ticket with one statement per agent, all sent at once, one ticket after another. */
export async function claimFloor(target: DatabaseTarget, ticketIds: number[], agentIds: number[], warmup: number): Promise<ClaimFloorResult> {
  const { racers, close } = await openRacers(target, agentIds.length);
  try {
    const latencies: number[] = [];
    let oneWinner = 0;
    for (let t = 0; t < ticketIds.length; t++) {
      const ticketId = ticketIds[t] as number;
      const shift = t % racers.length;
      // Built first, so that the statements leave together.
      const statements = racers.map((_, k) => {
        const i = (k + shift) % racers.length;
        return { racer: racers[i] as Racer, ...claimStatement(ticketId, agentIds[i] as number) };
      });
      const rows = await Promise.all(
        statements.map(async ({ racer, sql, params }) => {
          const start = performance.now();
          const won = await racer(sql, params);
          if (t >= warmup) latencies.push(performance.now() - start);
          return won;
        }),
      );
      if (t >= warmup && rows.reduce((a, b) => a + b, 0) === 1) oneWinner += 1;
    }
    return { latencies, oneWinner, tickets: ticketIds.length - warmup, sql: claimStatement(0, 0).sql };
  } finally {
    await close();
  }
}
