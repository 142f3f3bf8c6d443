import { and, eq, gt, isNotNull } from 'drizzle-orm';
import { messages, tickets } from '../db/schema';
import type { Actor, DomainContext } from './context';
import { getCachedSettings, whatsappSettings } from './settings';
import { getTicketView } from './ticket-views';

/**
 * The assignee opened the ticket: its unread marker clears, the customer's messages count as
 * read, and (if the admins want it) the customer's phone gets read receipts for them.
 */
export async function markTicketRead(ctx: DomainContext, { ticketId, actor }: { ticketId: number; actor: Actor }) {
  const read = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tickets)
      .set({ unreadCount: 0 })
      .where(and(eq(tickets.id, ticketId), eq(tickets.assignedAgentId, actor.id), gt(tickets.unreadCount, 0)))
      .returning({ channelId: tickets.channelId, contactId: tickets.contactId });
    if (!row) return null;
    const seen = await tx
      .update(messages)
      .set({ status: 'read' })
      .where(and(eq(messages.ticketId, ticketId), eq(messages.direction, 'in'), eq(messages.status, 'delivered'), isNotNull(messages.externalId)))
      .returning({ externalId: messages.externalId });
    return { ...row, externalIds: seen.map((m) => m.externalId).filter((id): id is string => Boolean(id)) };
  });
  if (!read) return null;
  const ticket = await getTicketView(ctx.db, ticketId);
  if (ticket) ctx.bus.publish({ type: 'ticket.updated', ticket, scope: 'activity' });
  const settings = await getCachedSettings(ctx.db, whatsappSettings);
  if (settings.mark_read_on_open && read.externalIds.length) {
    ctx.bus.publish({ type: 'messages.read', channelId: read.channelId, contactId: read.contactId, externalIds: read.externalIds });
  }
  return ticket;
}
