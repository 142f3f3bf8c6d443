import { and, eq, gte, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { ticketEvents, tickets, users } from '../db/schema';
import { pickAgentWithRoom } from './auto-assign';
import { assertWithinCapacity, lockAgent } from './capacity';
import type { DomainContext } from './context';
import { DomainError } from './errors';
import { assignedTo } from './assigned-to';
import { getCachedSettings, routingSettings } from './settings';
import { getTicketView } from './ticket-views';
import type { Presence } from './views';

async function announcePresence(ctx: DomainContext, userId: number) {
  const [user] = await ctx.db.select({ id: users.id, name: users.name, role: users.role, presence: users.presence }).from(users).where(eq(users.id, userId));
  if (user) ctx.bus.publish({ type: 'presence.changed', user });
}

/** A tab connected: the agent is online (unless they said away), and seen now. */
export async function markConnected(ctx: DomainContext, userId: number): Promise<{ cameOnline: boolean; offlineSince: Date | null }> {
  const now = ctx.clock.now();
  const [before] = await ctx.db.select({ presence: users.presence, since: users.presenceChangedAt }).from(users).where(eq(users.id, userId));
  const [back] = await ctx.db
    .update(users)
    .set({ presence: 'online', presenceChangedAt: now, lastSeenAt: now })
    .where(and(eq(users.id, userId), eq(users.presence, 'offline')))
    .returning({ id: users.id });
  if (!back) {
    await touchPresence(ctx, [userId]);
    return { cameOnline: false, offlineSince: null };
  }
  await announcePresence(ctx, userId);
  return { cameOnline: true, offlineSince: before?.presence === 'offline' ? (before.since ?? null) : null };
}

/** The heartbeat of connected tabs (and the moment the last one closed): the grace period runs from here. */
export async function touchPresence(ctx: DomainContext, userIds: number[]) {
  if (!userIds.length) return;
  // Heartbeats may land out of order (several connections): the last seen time never goes back.
  const now = ctx.clock.now();
  await ctx.db
    .update(users)
    .set({ lastSeenAt: sql`greatest(${users.lastSeenAt}, ${now.toISOString()}::timestamptz)` })
    .where(inArray(users.id, userIds));
}

/** The agent says they are away (or back). Away may hand their tickets on, if the admins chose so. */
export async function setPresence(ctx: DomainContext, userId: number, presence: Exclude<Presence, 'offline'>) {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(users)
    .set({ presence, presenceChangedAt: now, lastSeenAt: now })
    .where(and(eq(users.id, userId), sql`${users.presence} <> ${presence}`))
    .returning({ id: users.id });
  if (!row) return;
  await announcePresence(ctx, userId);
  const routing = await getCachedSettings(ctx.db, routingSettings);
  if (presence === 'away' && routing.reassign_when_away) await handOnTickets(ctx, userId, 'agent_away');
}

/**
 * Agents with no tab for longer than the grace period go offline, and their open tickets go
 * back to the queue or to another agent. Safe with several processes sweeping at once: the
 * conditional update picks each agent once, and each ticket moves at most once.
 */
export async function sweepOfflineAgents(ctx: DomainContext, { connectedHere }: { connectedHere: number[] }) {
  const routing = await getCachedSettings(ctx.db, routingSettings);
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - routing.offline_grace_seconds * 1000);
  const gone = await ctx.db
    .update(users)
    .set({ presence: 'offline', presenceChangedAt: now })
    .where(
      and(
        inArray(users.presence, ['online', 'away']),
        lt(users.lastSeenAt, cutoff),
        connectedHere.length ? notInArray(users.id, connectedHere) : undefined,
      ),
    )
    .returning({ id: users.id });
  for (const { id } of gone) {
    ctx.logger.info({ userId: id }, 'agent went offline');
    await announcePresence(ctx, id);
    // One agent's failure must not strand the others' tickets: nobody picks them up later.
    await handOnTickets(ctx, id, 'agent_offline').catch((error) => ctx.logger.error({ err: error, userId: id }, 'could not hand on tickets'));
  }
  return gone.length;
}

/** Each of the agent's open tickets: to another online agent with room, or back to the queue. */
export async function handOnTickets(ctx: DomainContext, agentId: number, reason: 'agent_offline' | 'agent_away') {
  const routing = await getCachedSettings(ctx.db, routingSettings);
  const held = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.assignedAgentId, agentId), eq(tickets.status, 'assigned')));
  for (const { id } of held) {
    let moved = false;
    for (let attempt = 0; ; attempt++) {
      try {
        // After a few tries the ticket goes to the queue, where there is always room.
        moved = await moveTicket(ctx, id, agentId, reason, routing.on_agent_offline === 'reassign' && attempt < 3);
        break;
      } catch (error) {
        // Another process filled the chosen agent a moment ago: choose again.
        if (!(error instanceof DomainError && error.code === 'capacity_reached')) throw error;
      }
    }
    if (!moved) continue;
    const ticket = await getTicketView(ctx.db, id);
    if (ticket) ctx.bus.publish({ type: 'ticket.updated', ticket, previousAssigneeId: agentId });
  }
}

/** One ticket from the agent to another with room (when `reassign`) or to the queue; false if it moved meanwhile. */
async function moveTicket(ctx: DomainContext, ticketId: number, agentId: number, reason: string, reassign: boolean) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const target = reassign ? await pickAgentWithRoom(tx as Database, [agentId]) : null;
    if (target) {
      const agent = await lockAgent(tx as Database, target);
      const [row] = await tx
        .update(tickets)
        .set(assignedTo(target, now))
        .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'assigned'), eq(tickets.assignedAgentId, agentId)))
        .returning({ id: tickets.id });
      if (!row) return false;
      await assertWithinCapacity(tx as Database, agent, false);
      await tx.insert(ticketEvents).values({
        ticketId,
        type: 'transferred',
        data: { from_agent_id: agentId, to_agent_id: target, to_agent_name: agent.name, reason },
        createdAt: now,
      });
      await tx.update(users).set({ lastAssignedAt: now }).where(eq(users.id, target));
      return true;
    }
    const [row] = await tx
      .update(tickets)
      .set({ status: 'pending', assignedAgentId: null, assignedAt: null, queuedAt: now, updatedAt: now })
      .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'assigned'), eq(tickets.assignedAgentId, agentId)))
      .returning({ id: tickets.id });
    if (!row) return false;
    await tx.insert(ticketEvents).values({ ticketId, type: 'released', data: { from_agent_id: agentId, reason }, createdAt: now });
    return true;
  });
}

/** Tickets taken from this agent while they were away or offline: what they are told on return. */
export async function ticketsTakenSince(ctx: DomainContext, agentId: number, since: Date) {
  const rows = await ctx.db
    .select({ ticketId: ticketEvents.ticketId, type: ticketEvents.type, data: ticketEvents.data })
    .from(ticketEvents)
    .where(
      and(
        inArray(ticketEvents.type, ['released', 'transferred']),
        gte(ticketEvents.createdAt, since),
        sql`(${ticketEvents.data}->>'from_agent_id')::int = ${agentId}`,
        sql`${ticketEvents.data}->>'reason' in ('agent_offline', 'agent_away')`,
      ),
    );
  return rows.map((r) => ({ ticket_id: r.ticketId, moved_to: r.type === 'transferred' ? ('agent' as const) : ('queue' as const) }));
}
