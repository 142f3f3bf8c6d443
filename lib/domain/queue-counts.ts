import { count, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { tickets } from '../db/schema';
import type { QueueCounts } from './views';

export async function countOpenTickets(db: Database): Promise<Omit<QueueCounts, 'agents_online' | 'staff_online'>> {
  const rows = await db
    .select({ status: tickets.status, priority: tickets.priority, n: count() })
    .from(tickets)
    .where(inArray(tickets.status, ['pending', 'assigned']))
    .groupBy(tickets.status, tickets.priority);
  const pending = { low: 0, medium: 0, high: 0, urgent: 0, total: 0 };
  let assigned = 0;
  for (const row of rows) {
    if (row.status === 'pending') {
      pending[row.priority] += row.n;
      pending.total += row.n;
    } else {
      assigned += row.n;
    }
  }
  return { pending, assigned };
}
