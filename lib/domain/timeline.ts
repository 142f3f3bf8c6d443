import { asc, eq } from 'drizzle-orm';
import { ticketEvents, users } from '../db/schema';
import type { Actor, DomainContext } from './context';
import { getTicketFor } from './tickets';
import type { TicketEventView } from './views';

/** What happened to a ticket, oldest first, with who did it. */
export async function listTicketEvents(ctx: DomainContext, { ticketId, actor }: { ticketId: number; actor: Actor }): Promise<TicketEventView[]> {
  await getTicketFor(ctx, actor, ticketId);
  const rows = await ctx.db
    .select({ event: ticketEvents, actorName: users.name })
    .from(ticketEvents)
    .leftJoin(users, eq(users.id, ticketEvents.actorId))
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.id));
  return rows.map(({ event, actorName }) => ({
    id: event.id,
    ticket_id: event.ticketId,
    type: event.type,
    actor_id: event.actorId,
    actor_name: actorName,
    data: (event.data ?? {}) as Record<string, unknown>,
    created_at: event.createdAt.toISOString(),
  }));
}
