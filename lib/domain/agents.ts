import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { tickets, users } from '../db/schema';
import type { AgentView } from './views';

/** Everyone who can hold tickets, with their presence and load: the transfer list, the board. */
export async function listAgents(db: Database): Promise<AgentView[]> {
  const open = db
    .select({ agentId: tickets.assignedAgentId, n: count().as('n') })
    .from(tickets)
    .where(eq(tickets.status, 'assigned'))
    .groupBy(tickets.assignedAgentId)
    .as('open');
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      presence: users.presence,
      presenceChangedAt: users.presenceChangedAt,
      capacity: users.capacity,
      open: sql<number>`coalesce(${open.n}, 0)::int`,
    })
    .from(users)
    .leftJoin(open, eq(open.agentId, users.id))
    .where(and(sql`coalesce(${users.banned}, false) = false`, inArray(users.role, ['agent', 'supervisor', 'admin'])))
    .orderBy(asc(users.name), asc(users.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    presence: r.presence,
    presence_changed_at: r.presenceChangedAt?.toISOString() ?? null,
    open_tickets: Number(r.open),
    capacity: r.capacity,
  }));
}
