import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainPlan } from '../../lib/db/rows';
import { seedTickets } from '../../lib/db/seed-tickets';
import { waitingPage } from '../../lib/domain/sla-waiting';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

const NOW = new Date('2026-03-02T10:00:00Z');

describe.each(databaseTargets())('the waiting-SLA sweep on a desk with a long history on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedTickets(database.db, { count: 30_000, days: 60, now: NOW });
    await database.db.execute(sql`analyze`);
  }, 180_000);
  afterAll(() => database.destroy());

  it('reads only open tickets (a partial index), not every ticket the desk ever had, every 5 s', async () => {
    const page = waitingPage(database.db, {
      warnBefore: new Date(NOW.getTime() - 240_000),
      limitBefore: new Date(NOW.getTime() - 300_000),
      afterId: 0,
      size: 500,
    });
    const plan = await explainPlan(database.db, page);
    // Either partial index holds only open tickets: the planner picks by their size.
    expect(plan).toMatch(/tickets_waiting_sla_idx|tickets_one_open_per_chat_uq/);
    expect(plan).not.toMatch(/Seq Scan on tickets|tickets_pkey/);
  });
});
