import { and, asc, eq, sql } from 'drizzle-orm';
import { channels, chats, contacts, messages, tickets } from '../db/schema';
import type { ChannelRow, ContactRow } from '../db/schema';
import type { DomainContext } from './context';
import { getMessageView } from './messages';
import type { MessageView } from './views';

/** Everything a channel adapter needs to put one queued message on the wire. */
export interface OutboundDelivery {
  message: MessageView;
  channel: ChannelRow;
  contact: ContactRow;
}

export async function loadOutboundDelivery(ctx: DomainContext, messageId: number): Promise<OutboundDelivery | null> {
  const [row] = await ctx.db
    .select({ channel: channels, contact: contacts })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .innerJoin(contacts, eq(contacts.id, chats.contactId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(and(eq(messages.id, messageId), eq(messages.direction, 'out'), eq(messages.status, 'queued')))
    .limit(1);
  if (!row) return null;
  const message = await getMessageView(ctx.db, messageId);
  return message ? { message, channel: row.channel, contact: row.contact } : null;
}

/** Outbound messages still waiting: after a restart they are sent, not forgotten. */
export async function listQueuedOutbound(ctx: DomainContext): Promise<{ id: number; chatId: number }[]> {
  return ctx.db
    .select({ id: messages.id, chatId: messages.chatId })
    .from(messages)
    .where(and(eq(messages.status, 'queued'), eq(messages.direction, 'out')))
    .orderBy(asc(messages.id));
}

async function finish(
  ctx: DomainContext,
  messageId: number,
  change: { status: 'sent' | 'failed'; externalId?: string | null; error?: string | null },
) {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(messages)
    .set({
      status: change.status,
      externalId: change.externalId ?? undefined,
      error: change.error ?? null,
      sentAt: change.status === 'sent' ? now : undefined,
      attempts: sql`${messages.attempts} + 1`,
      updatedAt: now,
    })
    .where(and(eq(messages.id, messageId), eq(messages.status, 'queued')))
    .returning({ id: messages.id, ticketId: messages.ticketId });
  if (!row) return null;
  const message = await getMessageView(ctx.db, messageId);
  if (!message) return null;
  const [ticket] = row.ticketId
    ? await ctx.db.select({ assignee: tickets.assignedAgentId }).from(tickets).where(eq(tickets.id, row.ticketId))
    : [];
  ctx.bus.publish({ type: 'message.updated', message, assigneeId: ticket?.assignee ?? null });
  return message;
}

export function markMessageSent(ctx: DomainContext, messageId: number, externalId: string | null) {
  return finish(ctx, messageId, { status: 'sent', externalId });
}

export function markMessageFailed(ctx: DomainContext, messageId: number, error: string) {
  ctx.logger.warn({ messageId, error }, 'outbound message failed');
  return finish(ctx, messageId, { status: 'failed', error: error.slice(0, 500) });
}
