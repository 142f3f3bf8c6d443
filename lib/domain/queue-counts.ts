import { count, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { tickets, users } from '../db/schema';
import type { QueueCounts } from './views';

export async function countOpenTickets(db: Database): Promise<Omit<QueueCounts, 'agents_online' | 'agents_away' | 'staff_online'>> {
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

/** Who is here, from the presence every process keeps in the users table. */
export async function countPresence(db: Database): Promise<Pick<QueueCounts, 'agents_online' | 'agents_away' | 'staff_online'>> {
  const rows = await db
    .select({ role: users.role, presence: users.presence, n: count() })
    .from(users)
    .where(sql`${users.presence} <> 'offline' and coalesce(${users.banned}, false) = false`)
    .groupBy(users.role, users.presence);
  let agentsOnline = 0;
  let agentsAway = 0;
  let staffOnline = 0;
  for (const row of rows) {
    if (row.presence === 'online') staffOnline += row.n;
    if (row.role === 'agent' && row.presence === 'online') agentsOnline += row.n;
    if (row.role === 'agent' && row.presence === 'away') agentsAway += row.n;
  }
  return { agents_online: agentsOnline, agents_away: agentsAway, staff_online: staffOnline };
}

