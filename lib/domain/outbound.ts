import { and, asc, eq, sql } from 'drizzle-orm';
import { channels, chats, contacts, messages, tickets, users } from '../db/schema';
import type { ChannelRow, ContactRow } from '../db/schema';
import type { DomainContext } from './context';
import { presentMessage } from './presenters';
import type { MessageView } from './views';

/** Everything a channel adapter needs to put one queued message on the wire. */
export interface OutboundDelivery {
  message: MessageView;
  channel: ChannelRow;
  contact: ContactRow;
  /** Whose "my tickets" hears about the status change. */
  assigneeId: number | null;
}

/** One query: the queued message with its author, channel, customer and ticket owner. */
export async function loadOutboundDelivery(ctx: DomainContext, messageId: number): Promise<OutboundDelivery | null> {
  const [row] = await ctx.db
    .select({ message: messages, authorName: users.name, channel: channels, contact: contacts, assigneeId: tickets.assignedAgentId })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .innerJoin(contacts, eq(contacts.id, chats.contactId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(and(eq(messages.id, messageId), eq(messages.direction, 'out'), eq(messages.status, 'queued')))
    .limit(1);
  if (!row) return null;
  return {
    message: presentMessage(row.message, row.authorName),
    channel: row.channel,
    contact: row.contact,
    assigneeId: row.assigneeId ?? null,
  };
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
  delivery: Pick<OutboundDelivery, 'message' | 'assigneeId'>,
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
    .where(and(eq(messages.id, delivery.message.id), eq(messages.status, 'queued')))
    .returning();
  if (!row) return null;
  const message = presentMessage(row, delivery.message.author_name);
  ctx.bus.publish({ type: 'message.updated', message, assigneeId: delivery.assigneeId });
  return message;
}

export function markMessageSent(ctx: DomainContext, delivery: OutboundDelivery, externalId: string | null) {
  return finish(ctx, delivery, { status: 'sent', externalId });
}

export function markMessageFailed(
  ctx: DomainContext,
  delivery: Pick<OutboundDelivery, 'message' | 'assigneeId'>,
  error: string,
) {
  ctx.logger.warn({ messageId: delivery.message.id, error }, 'outbound message failed');
  return finish(ctx, delivery, { status: 'failed', error: error.slice(0, 500) });
}
