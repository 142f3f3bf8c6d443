import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
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
  /** How many times it has been handed to a channel, this attempt included. */
  attempts: number;
  /** The stored file path of an attachment (under the media folder), for channels that upload it. */
  mediaPath: string | null;
}

const due = (now: Date) => or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, now));

/**
 * Takes a queued message for sending: only one taker wins (another process, a second timer),
 * and the lease runs out by itself if the taker dies, so the message is tried again.
 */
export async function leaseOutbound(ctx: DomainContext, messageId: number, leaseMs: number): Promise<boolean> {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(messages)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${messages.attempts} + 1` })
    .where(and(eq(messages.id, messageId), eq(messages.status, 'queued'), eq(messages.direction, 'out'), due(now)))
    .returning({ id: messages.id });
  return Boolean(row);
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
  const media = row.message.media;
  return {
    message: presentMessage(row.message, row.authorName),
    channel: row.channel,
    contact: row.contact,
    assigneeId: row.assigneeId ?? null,
    attempts: row.message.attempts,
    mediaPath: media?.type === 'media' ? (media.path ?? null) : null,
  };
}

/** Outbound messages due now, oldest first: what a restart, a reconnect or the poll picks up. */
export async function listDueOutbound(ctx: DomainContext, options: { channelIds?: number[]; limit?: number } = {}) {
  const now = ctx.clock.now();
  return ctx.db
    .select({ id: messages.id, channelId: messages.channelId, chatId: messages.chatId })
    .from(messages)
    .where(
      and(
        eq(messages.status, 'queued'),
        eq(messages.direction, 'out'),
        due(now),
        options.channelIds ? inArray(messages.channelId, options.channelIds) : undefined,
      ),
    )
    .orderBy(asc(messages.id))
    .limit(options.limit ?? 500);
}

/**
 * Channels whose ids we choose (WhatsApp) get the id stored before the message leaves, so the
 * echo of our own send, and a resend after a crash, are recognised as this message.
 */
export async function assignExternalId(ctx: DomainContext, messageId: number, externalId: string): Promise<string> {
  const [row] = await ctx.db
    .update(messages)
    .set({ externalId: sql`coalesce(${messages.externalId}, ${externalId})` })
    .where(eq(messages.id, messageId))
    .returning({ externalId: messages.externalId });
  return row?.externalId ?? externalId;
}

type Delivered = Pick<OutboundDelivery, 'message' | 'assigneeId'>;

async function finish(ctx: DomainContext, delivery: Delivered, set: PgUpdateSetSource<typeof messages>) {
  const [row] = await ctx.db
    .update(messages)
    .set({ ...set, updatedAt: ctx.clock.now() })
    .where(and(eq(messages.id, delivery.message.id), eq(messages.status, 'queued')))
    .returning();
  if (!row) return null;
  const message = presentMessage(row, delivery.message.author_name);
  ctx.bus.publish({ type: 'message.updated', message, assigneeId: delivery.assigneeId });
  return message;
}

export async function markMessageSent(ctx: DomainContext, delivery: Delivered, result: { externalId: string | null; raw?: unknown }) {
  const sent = {
    externalId: result.externalId ?? undefined,
    raw: result.raw === undefined ? undefined : result.raw,
    error: null,
    nextAttemptAt: null,
    sentAt: ctx.clock.now(),
  };
  const message = await finish(ctx, delivery, { ...sent, status: 'sent' });
  if (message) return message;
  // A delivery or read receipt got here first: keep its tick, but still keep what was sent,
  // or WhatsApp's retry requests for this message (getMessage) find nothing to answer with.
  await ctx.db
    .update(messages)
    .set({ ...sent, updatedAt: ctx.clock.now() })
    .where(and(eq(messages.id, delivery.message.id), inArray(messages.status, ['delivered', 'read'])));
  return null;
}

/** Final: shown to the agent with the reason, retried only by hand. */
export function markMessageFailed(ctx: DomainContext, delivery: Delivered, error: string) {
  ctx.logger.warn({ messageId: delivery.message.id, error }, 'outbound message failed');
  return finish(ctx, delivery, { status: 'failed', error: error.slice(0, 500), nextAttemptAt: null });
}

/** Transient: stays queued, with the reason shown, and is tried again at `retryAt`. */
export function scheduleRetry(ctx: DomainContext, delivery: Delivered, error: string, retryAt: Date) {
  ctx.logger.info({ messageId: delivery.message.id, error, retryAt }, 'outbound message will be retried');
  return finish(ctx, delivery, { error: `${error.slice(0, 400)} (retrying)`, nextAttemptAt: retryAt });
}
