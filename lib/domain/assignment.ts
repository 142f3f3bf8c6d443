import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { ticketEvents, tickets, users } from '../db/schema';
import { assertWithinCapacity, lockAgent } from './capacity';
import { type Actor, type DomainContext, isSupervisor } from './context';
import { badRequest, conflict, forbidden, notFound } from './errors';
import { assignedTo } from './assigned-to';
import { canActOnTicket } from './tickets';
import { getTicketView } from './ticket-views';
import type { TicketPriority, TicketView } from './views';

async function current(ctx: DomainContext, ticketId: number): Promise<TicketView> {
  const ticket = await getTicketView(ctx.db, ticketId);
  if (!ticket) throw notFound('Ticket');
  if (ticket.status === 'resolved') throw conflict('ticket_resolved', 'This ticket is resolved.');
  return ticket;
}

async function announce(ctx: DomainContext, ticketId: number, previousAssigneeId: number | null) {
  const ticket = await getTicketView(ctx.db, ticketId);
  if (ticket) ctx.bus.publish({ type: 'ticket.updated', ticket, previousAssigneeId });
  return ticket!;
}

/** Back to the queue, for someone else to claim; the waiting clock starts again. */
export async function releaseTicket(ctx: DomainContext, { ticketId, actor, reason }: { ticketId: number; actor: Actor; reason?: string }) {
  const before = await current(ctx, ticketId);
  if (before.status !== 'assigned') throw conflict('ticket_not_assigned', 'This ticket is already waiting in the queue.');
  if (!canActOnTicket(actor, before)) throw forbidden('Only the assigned agent or a supervisor can release this ticket.');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tickets)
      .set({ status: 'pending', assignedAgentId: null, assignedAt: null, queuedAt: now, updatedAt: now })
      .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'assigned'), eq(tickets.assignedAgentId, before.assigned_agent_id!)))
      .returning({ id: tickets.id });
    if (!row) throw conflict('ticket_changed', 'Someone changed this ticket a moment ago. Look again.');
    await tx.insert(ticketEvents).values({
      ticketId,
      type: 'released',
      actorId: actor.id,
      data: { from_agent_id: before.assigned_agent_id, reason: reason ?? 'released' },
      createdAt: now,
    });
  });
  ctx.logger.info({ ticketId, by: actor.id }, 'ticket released to the queue');
  return announce(ctx, ticketId, before.assigned_agent_id);
}

/**
 * Gives a ticket to an agent: the assignee handing it over (transfer), or a supervisor
 * assigning any ticket, waiting or not. The receiver's capacity holds, unless a supervisor
 * deliberately overrides it.
 */
export async function assignTicket(
  ctx: DomainContext,
  { ticketId, actor, toAgentId, overrideCapacity = false }: { ticketId: number; actor: Actor; toAgentId: number; overrideCapacity?: boolean },
) {
  const before = await current(ctx, ticketId);
  const supervisor = isSupervisor(actor);
  if (!supervisor && before.assigned_agent_id !== actor.id) {
    throw forbidden('Only the assigned agent can transfer this ticket; supervisors can assign any ticket.');
  }
  if (before.assigned_agent_id === toAgentId) throw badRequest('The ticket is already with this agent.');
  const now = ctx.clock.now();
  const type = before.status === 'pending' ? 'assigned' : 'transferred';
  await ctx.db.transaction(async (tx) => {
    const target = await lockAgent(tx as Database, toAgentId);
    if (target.banned) throw badRequest(`${target.name} is disabled.`);
    const [row] = await tx
      .update(tickets)
      .set(assignedTo(toAgentId, now))
      .where(
        and(
          eq(tickets.id, ticketId),
          eq(tickets.status, before.status),
          // Still with whoever held it when we looked: a transfer never takes a ticket from someone else.
          before.assigned_agent_id === null ? isNull(tickets.assignedAgentId) : eq(tickets.assignedAgentId, before.assigned_agent_id),
        ),
      )
      .returning({ id: tickets.id });
    if (!row) throw conflict('ticket_changed', 'Someone changed this ticket a moment ago. Look again.');
    if (!(supervisor && overrideCapacity)) await assertWithinCapacity(tx as Database, target, false);
    await tx.insert(ticketEvents).values({
      ticketId,
      type,
      actorId: actor.id,
      data: { from_agent_id: before.assigned_agent_id, to_agent_id: toAgentId, to_agent_name: target.name },
      createdAt: now,
    });
    await tx.update(users).set({ lastAssignedAt: now }).where(eq(users.id, toAgentId));
  });
  ctx.logger.info({ ticketId, from: before.assigned_agent_id, to: toAgentId, by: actor.id }, `ticket ${type}`);
  return announce(ctx, ticketId, before.assigned_agent_id);
}

/** By hand: the assignee, any agent while it waits, a supervisor always. Recorded with who. */
export async function changePriority(
  ctx: DomainContext,
  { ticketId, actor, priority }: { ticketId: number; actor: Actor; priority: TicketPriority },
) {
  const before = await current(ctx, ticketId);
  if (!isSupervisor(actor) && before.status !== 'pending' && before.assigned_agent_id !== actor.id) {
    throw forbidden('Only the assigned agent or a supervisor can change this ticket’s priority.');
  }
  if (before.priority === priority) return before;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tickets)
      .set({ priority, updatedAt: now })
      .where(and(eq(tickets.id, ticketId), inArray(tickets.status, ['pending', 'assigned'])))
      .returning({ id: tickets.id });
    if (!row) throw conflict('ticket_resolved', 'This ticket was resolved a moment ago.');
    await tx.insert(ticketEvents).values({
      ticketId,
      type: 'priority_changed',
      actorId: actor.id,
      data: { from: before.priority, to: priority, reason: 'manual' },
      createdAt: now,
    });
  });
  return announce(ctx, ticketId, before.assigned_agent_id);
}
