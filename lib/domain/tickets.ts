import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { allInOrder } from '../db/all-in-order';
import { pipelinedTransaction } from '../db/pipelined-transaction';
import { chats, ticketEvents, tickets, users } from '../db/schema';
import { assertWithinCapacity, lockAgent } from './capacity';
import { type Actor, type DomainContext, isSupervisor } from './context';
import { conflict, forbidden, notFound } from './errors';
import { assignedTo } from './assigned-to';
import { alreadyClaimed, type ClaimOutcome, coalesceClaim } from './claim-flight';
import { presentTicket } from './presenters';
import { getTicketView, selectTicketViews } from './ticket-views';
import type { TicketPriority, TicketStatus, TicketView } from './views';

/** The queue's statement (the bench's floor sends the same SQL: bench/scenarios/big-queue-floor.ts). */
export function queueQuery(db: Database, limit: number) {
  // Written to match tickets_queue_idx exactly, or the page sorts every pending ticket each time
  // (35 ms at 10,000 instead of 0.2 ms; bench/RESULTS.md): a bare DESC means NULLS FIRST, which
  // the index (DESC NULLS LAST) cannot give, and a bound $1 for the status cannot satisfy the
  // index's WHERE status = 'pending' in a cached prepared plan. The test: tests/integration/queue-plan.test.ts.
  return selectTicketViews(db)
    .where(sql`${tickets.status} = 'pending'`)
    .orderBy(sql`${tickets.priority} desc nulls last`, asc(tickets.createdAt), asc(tickets.id))
    .limit(limit);
}

export async function listQueue(db: Database, { limit }: { limit: number }): Promise<TicketView[]> {
  const rows = await queueQuery(db, limit);
  return rows.map(presentTicket);
}

export async function listMyTickets(db: Database, { agentId }: { agentId: number }): Promise<TicketView[]> {
  const rows = await selectTicketViews(db)
    .where(and(eq(tickets.status, 'assigned'), eq(tickets.assignedAgentId, agentId)))
    .orderBy(desc(tickets.lastMessageAt), desc(tickets.id));
  return rows.map(presentTicket);
}

export interface TicketFilter {
  status?: TicketStatus;
  priority?: TicketPriority;
  assignedAgentId?: number;
  /** Keyset cursor: tickets with a smaller id than this. */
  beforeId?: number;
  limit: number;
}

export async function listAllTickets(db: Database, filter: TicketFilter): Promise<TicketView[]> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(tickets.status, filter.status));
  if (filter.priority) conditions.push(eq(tickets.priority, filter.priority));
  if (filter.assignedAgentId) conditions.push(eq(tickets.assignedAgentId, filter.assignedAgentId));
  if (filter.beforeId) conditions.push(lt(tickets.id, filter.beforeId));
  const rows = await selectTicketViews(db)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(tickets.id))
    .limit(filter.limit);
  return rows.map(presentTicket);
}

/** Who may read a ticket's conversation: supervisors, its assignee, and any agent while it waits in the queue. */
export function canViewTicket(actor: Actor, ticket: Pick<TicketView, 'status' | 'assigned_agent_id'>): boolean {
  return isSupervisor(actor) || ticket.status === 'pending' || ticket.assigned_agent_id === actor.id;
}

/** Who may answer or close a ticket: its assignee, a supervisor or an admin. */
export function canActOnTicket(actor: Actor, ticket: Pick<TicketView, 'assigned_agent_id'>): boolean {
  return isSupervisor(actor) || ticket.assigned_agent_id === actor.id;
}

export async function getTicketFor(ctx: DomainContext, actor: Actor, ticketId: number): Promise<TicketView> {
  const ticket = await getTicketView(ctx.db, ticketId);
  if (!ticket) throw notFound('Ticket');
  if (!canViewTicket(actor, ticket)) throw forbidden('This ticket is assigned to another agent.');
  return ticket;
}

/**
 * One conditional UPDATE decides the race: whoever's statement finds the ticket still
 * pending wins, everyone else gets a 409 that names the winner. A ticket already taken is
 * answered from one read, without a transaction (late claimers, or another process won).
 */
async function attemptClaim(ctx: DomainContext, ticketId: number, actor: Actor): Promise<ClaimOutcome> {
  const before = await getTicketView(ctx.db, ticketId);
  if (!before || before.status !== 'pending') return { won: false, ticket: before };
  const now = ctx.clock.now();
  const won = await pipelinedTransaction(ctx.db, async (tx) => {
    // The agent's row is locked first (capacity), the ticket right behind it: one round trip.
    const [agent, [row]] = await allInOrder([
      lockAgent(tx, actor.id),
      tx
        .update(tickets)
        .set(assignedTo(actor.id, now))
        .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'pending')))
        .returning({ id: tickets.id }),
    ] as const);
    if (!row) return null;
    // Both rows are locked now: the capacity check, the two writes and the winner's view of the
    // ticket go in one round trip (over capacity throws, and the transaction takes it all back).
    const [, , , view] = await allInOrder([
      assertWithinCapacity(tx, agent, true),
      tx.insert(ticketEvents).values({ ticketId, type: 'claimed', actorId: actor.id, createdAt: now }),
      tx.update(users).set({ lastAssignedAt: now }).where(eq(users.id, actor.id)),
      getTicketView(tx, ticketId),
    ] as const);
    return view;
  });
  return won ? { won: true, ticket: won } : { won: false, ticket: await getTicketView(ctx.db, ticketId) };
}

/** Claims of one ticket at once in this process share one attempt (claim-flight.ts); the database decides between processes. */
export async function claimTicket(ctx: DomainContext, { ticketId, actor }: { ticketId: number; actor: Actor }) {
  const { won, ticket } = await coalesceClaim(ctx.db, ticketId, () => attemptClaim(ctx, ticketId, actor));
  if (!ticket) throw notFound('Ticket');
  if (!won) throw alreadyClaimed(ticket, actor);
  ctx.logger.info({ ticketId, agentId: actor.id }, 'ticket claimed');
  ctx.bus.publish({ type: 'ticket.updated', ticket, previousAssigneeId: null });
  return ticket;
}

/** Resolving closes the ticket and hands the chat back to the bot: the next message opens a new ticket. */
export async function resolveTicket(ctx: DomainContext, { ticketId, actor }: { ticketId: number; actor: Actor }) {
  const now = ctx.clock.now();
  const current = await getTicketView(ctx.db, ticketId);
  if (!current) throw notFound('Ticket');
  if (!canActOnTicket(actor, current)) throw forbidden('Only the assigned agent or a supervisor can resolve this ticket.');
  const resolved = await ctx.db.transaction(async (tx) => {
    // Chat row first, then the ticket: the order ingest locks them in (no deadlock with a customer message).
    await tx.select({ id: chats.id }).from(chats).where(eq(chats.id, current.chat_id)).for('update');
    const [row] = await tx
      .update(tickets)
      .set({ status: 'resolved', resolvedAt: now, resolvedBy: actor.id, updatedAt: now, unreadCount: 0 })
      .where(and(eq(tickets.id, ticketId), inArray(tickets.status, ['pending', 'assigned'])))
      .returning({ chatId: tickets.chatId, assignedAgentId: tickets.assignedAgentId });
    if (!row) return false;
    // Another agent may have claimed it between our read and this write.
    if (!isSupervisor(actor) && row.assignedAgentId !== actor.id) {
      throw forbidden('Only the assigned agent or a supervisor can resolve this ticket.');
    }
    await tx.update(chats).set({ mode: 'bot' }).where(eq(chats.id, row.chatId));
    await tx.insert(ticketEvents).values({ ticketId, type: 'resolved', actorId: actor.id, createdAt: now });
    return true;
  });
  if (!resolved) throw conflict('ticket_resolved', 'This ticket is already resolved.');
  const ticket = await getTicketView(ctx.db, ticketId);
  if (!ticket) throw notFound('Ticket');
  ctx.logger.info({ ticketId, actorId: actor.id }, 'ticket resolved');
  ctx.logger.info({ chatId: ticket.chat_id, from: 'agent', to: 'bot' }, 'chat mode changed');
  ctx.bus.publish({ type: 'ticket.updated', ticket, previousAssigneeId: current.assigned_agent_id });
  return ticket;
}
