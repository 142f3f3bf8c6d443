import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainPlan, queryRows } from '../../lib/db/rows';
import { seedTickets } from '../../lib/db/seed-tickets';
import { searchTickets, ticketSearchQuery, ticketSearchSchema } from '../../lib/domain/ticket-search';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

describe.each(databaseTargets())('ticket browser plans on %s, a few thousand seeded tickets', (kind) => {
  let database: TestDatabase;
  const parse = (query: Record<string, unknown>) => ticketSearchSchema.parse(query);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedTickets(database.db, { count: 3000, days: 30 });
  });
  afterAll(() => database?.destroy());

  it('the default page walks the (created_at, id) index backwards: no scan of the whole tickets table', async () => {
    const plan = await explainPlan(database.db, (await ticketSearchQuery(database.db, parse({}))).query);
    expect(plan).toMatch(/Index Scan Backward using tickets_created_id_idx on tickets/);
    expect(plan).not.toMatch(/Seq Scan on tickets/);
    const first = await searchTickets(database.db, parse({}));
    const next = await explainPlan(database.db, (await ticketSearchQuery(database.db, parse({ cursor: first.next_cursor }))).query);
    expect(next).toMatch(/tickets_created_id_idx/);
    expect(next).not.toMatch(/Seq Scan on tickets/);
  });

  it('pages of 200 through every ticket give exactly the newest-first order, each once', async () => {
    const expected = (await queryRows<{ id: number }>(database.db, sql`select id from tickets order by created_at desc, id desc`)).map((r) => Number(r.id));
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchTickets(database.db, parse({ limit: 200, cursor }));
      seen.push(...page.tickets.map((t) => t.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(3000);
    expect(seen).toEqual(expected);
  });
});
