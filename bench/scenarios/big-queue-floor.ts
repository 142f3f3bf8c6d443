// The big queue's floor: the queue page's SQL (lib/domain/tickets.ts listQueue, as Drizzle writes
// it) sent by a bare driver at the same rate as the API requests, with no HTTP, auth or JSON.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../lib/db/schema';
import type { Database } from '../../lib/db/client';
import { queueQuery } from '../../lib/domain/tickets';
import { openLoop } from '../lib/open-loop';
import type { DatabaseTarget } from '../lib/targets';

/** listQueue's statement, built by the same function. */
export function queueStatement(limit: number) {
  return queueQuery(drizzle.mock({ schema }) as unknown as Database, limit).toSQL();
}

type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

async function openBare(target: DatabaseTarget): Promise<{ query: Query; close: () => Promise<void> }> {
  const url = target.env.DATABASE_URL;
  if (url) {
    const sql = postgres(url, { max: 20, onnotice: () => {} });
    return {
      query: (text, params) => sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }) as Promise<Record<string, unknown>[]>,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const pg = new PGlite({ dataDir: join(target.env.LOKET_DATA_DIR as string, 'pglite'), extensions: { pg_trgm } });
  await pg.waitReady;
  return { query: async (text, params) => (await pg.query<Record<string, unknown>>(text, params)).rows, close: () => pg.close() };
}

export interface QueueFloorResult {
  latencies: number[];
  /** EXPLAIN (ANALYZE) of the statement: the plan's lines. */
  plan: string[];
  sql: string;
}

/** The statement at `rate` per second, open loop, `warmup` first and discarded; then its plan. */
export async function queueFloor(target: DatabaseTarget, limit: number, rate: number, count: number, warmup: number, measure: boolean): Promise<QueueFloorResult> {
  const { sql, params } = queueStatement(limit);
  const bare = await openBare(target);
  try {
    const latencies: number[] = [];
    if (measure) {
      for (const [n, keep] of [
        [warmup, false],
        [count, true],
      ] as const) {
        const inFlight: Promise<void>[] = [];
        await openLoop(n, rate, () => {
          const start = performance.now();
          inFlight.push(
            bare.query(sql, params).then((rows) => {
              if (rows.length !== limit) throw new Error(`the queue statement returned ${rows.length} rows, expected ${limit}`);
              if (keep) latencies.push(performance.now() - start);
            }),
          );
        });
        await Promise.all(inFlight);
      }
    }
    const explained = await bare.query(`explain (analyze, costs off, timing off, summary off) ${sql}`, params);
    const plan = explained.map((row) => String(Object.values(row)[0]));
    return { latencies, plan, sql };
  } finally {
    await bare.close();
  }
}
