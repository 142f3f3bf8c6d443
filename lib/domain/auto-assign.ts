import { and, asc, count, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { ticketEvents, tickets, users } from '../db/schema';
import { assertWithinCapacity, lockAgent } from './capacity';
import type { DomainContext } from './context';
import { DomainError } from './errors';
import { assignedTo } from './assigned-to';
import { getTicketView } from './ticket-views';

/**
 * The online agent with the most room (capacity minus open tickets; no limit counts as lots),
 * and among equals the one who got a ticket longest ago: balanced, round-robin.
 */
export async function pickAgentWithRoom(tx: Database, exclude: number[] = []): Promise<number | null> {
  const open = tx
    .select({ agentId: tickets.assignedAgentId, n: count().as('n') })
    .from(tickets)
    .where(eq(tickets.status, 'assigned'))
    .groupBy(tickets.assignedAgentId)
    .as('open');
  const held = sql<number>`coalesce(${open.n}, 0)`;
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .leftJoin(open, eq(open.agentId, users.id))
    .where(
      and(
        eq(users.role, 'agent'),
        eq(users.presence, 'online'),
        sql`coalesce(${users.banned}, false) = false`,
        sql`(${users.capacity} is null or ${held} < ${users.capacity})`,
        exclude.length ? notInArray(users.id, exclude) : undefined,
      ),
    )
    .orderBy(desc(sql`coalesce(${users.capacity}, 1000000) - ${held}`), sql`${users.lastAssignedAt} asc nulls first`, asc(users.id))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Auto-assignment (when the admins turn it on): waiting tickets, most urgent and oldest
 * first, go to online agents with room. Each ticket is taken with SKIP LOCKED, so processes
 * assigning at once never hand one ticket out twice; agent rows are locked before tickets,
 * as everywhere.
 */
export async function autoAssignWaiting(ctx: DomainContext, { limit = 50 }: { limit?: number } = {}): Promise<number> {
  let assigned = 0;
  while (assigned < limit) {
    const now = ctx.clock.now();
    let result: { ticketId: number; agentId: number } | null;
    try {
      result = await ctx.db.transaction(async (tx) => {
        const agentId = await pickAgentWithRoom(tx as Database);
        if (!agentId) return null;
        const agent = await lockAgent(tx as Database, agentId);
        const [ticket] = await tx
          .select({ id: tickets.id })
          .from(tickets)
          .where(eq(tickets.status, 'pending'))
          .orderBy(desc(tickets.priority), asc(tickets.queuedAt), asc(tickets.id))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!ticket) return null;
        await tx
          .update(tickets)
          .set(assignedTo(agentId, now))
          .where(eq(tickets.id, ticket.id));
        await assertWithinCapacity(tx as Database, agent, false);
        await tx.insert(ticketEvents).values({
          ticketId: ticket.id,
          type: 'assigned',
          data: { to_agent_id: agentId, to_agent_name: agent.name, reason: 'auto' },
          createdAt: now,
        });
        await tx.update(users).set({ lastAssignedAt: now }).where(eq(users.id, agentId));
        return { ticketId: ticket.id, agentId };
      });
    } catch (error) {
      // Another process filled this agent up a moment ago: look again next round.
      if (error instanceof DomainError && error.code === 'capacity_reached') return assigned;
      throw error;
    }
    if (!result) return assigned;
    assigned += 1;
    const ticket = await getTicketView(ctx.db, result.ticketId);
    if (ticket) ctx.bus.publish({ type: 'ticket.updated', ticket, previousAssigneeId: null });
    ctx.logger.info({ ticketId: result.ticketId, agentId: result.agentId }, 'ticket auto-assigned');
  }
  return assigned;
}
