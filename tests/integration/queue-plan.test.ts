import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listQueue, queueQuery } from '../../lib/domain/tickets';
import { seedPendingTickets } from '../../bench/lib/seed-queue';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

const PENDING = 10_000;

/** Runs statements on one connection of the test database, through its own driver. */
function rawClient(database: TestDatabase) {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.kind === 'pglite') {
    const pg = client as PGlite;
    return {
      query: async (text: string, params: unknown[] = []) => (await pg.query<Record<string, unknown>>(text, params)).rows,
      release: () => {},
    };
  }
  const sql = client as postgres.Sql;
  const reserved = sql.reserve();
  return {
    query: async (text: string, params: unknown[] = []) => (await reserved).unsafe(text, params as postgres.ParameterOrJSON<never>[]) as Promise<Record<string, unknown>[]>,
    release: async () => (await reserved).release(),
  };
}

const planText = (rows: Record<string, unknown>[]) => rows.map((row) => String(Object.values(row)[0])).join('\n');

describe.each(databaseTargets())('the queue page query with 10,000 pending tickets on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedPendingTickets(database.db, { count: PENDING, phonePrefix: '6283', mixed: true });
  }, 120_000);
  afterAll(() => database.destroy());

  it('reads the first page from the queue index instead of sorting every pending ticket', async () => {
    const { sql, params } = queueQuery(database.db, 50).toSQL();
    const raw = rawClient(database);
    try {
      const custom = planText(await raw.query(`explain ${sql}`, params));
      // The plan a long-lived prepared statement settles on, where the limit is an unknown $n.
      await raw.query(`prepare queue_page as ${sql}`);
      await raw.query('set plan_cache_mode = force_generic_plan');
      const generic = planText(await raw.query(`explain execute queue_page(${params.map((p) => (typeof p === 'number' ? p : `'${String(p)}'`)).join(', ')})`));
      await raw.query('reset plan_cache_mode');
      await raw.query('deallocate queue_page');
      for (const plan of [custom, generic]) {
        expect(plan).toContain('tickets_queue_idx');
        expect(plan).not.toMatch(/Seq Scan on tickets/);
        expect(plan).not.toMatch(/\bSort\b/);
      }
    } finally {
      await raw.release();
    }
  });

  it('still lists the most urgent, then the longest waiting, first', async () => {
    const page = await listQueue(database.db, { limit: 50 });
    expect(page).toHaveLength(50);
    expect(page.every((t) => t.priority === 'high' && t.status === 'pending')).toBe(true);
    const created = page.map((t) => Date.parse(t.created_at));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });
});
