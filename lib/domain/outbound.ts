import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { jsonOrNull } from '../db/prepared';
import { writeGrouped } from '../db/write-together';
import { messages } from '../db/schema';
import type { ChannelRow, ContactRow } from '../db/schema';
import type { DomainContext } from './context';
import { leaseQueuedDelivery, markQueuedSent } from './outbound-statements';
import { presentMessage } from './presenters';
import type { MessageView } from './views';

/** Everything a channel adapter needs to put one queued message on the wire. */
export interface OutboundDelivery {
  message: MessageView;
  channel: Pick<ChannelRow, 'id' | 'name' | 'kind'>;
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
 * Takes a queued message for sending, with everything its channel needs: only one taker wins
 * (another process, a second timer), and the lease runs out by itself if the taker dies, so
 * the message is tried again. Null: someone else has it, it is not due, or it is not queued.
 * `heldUntil`: the end of a lease the caller holds already (given at the insert), renewed.
 */
export async function leaseOutboundDelivery(
  ctx: DomainContext,
  messageId: number,
  leaseMs: number,
  heldUntil: Date | null = null,
): Promise<OutboundDelivery | null> {
  const now = ctx.clock.now();
  const until = new Date(now.getTime() + leaseMs);
  const lease = { messageId, now: now.toISOString(), until: until.toISOString(), heldUntil: heldUntil?.toISOString() ?? null };
  const [row] = await writeGrouped(ctx.db, `lease:${messageId}`, (db) => leaseQueuedDelivery(db, lease));
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

/**
 * Gives back a lease taken at the insert that its taker cannot use (the channel went down or
 * away first), so the message is due again and the next sweep or reconnect picks it up.
 */
export async function releaseOutboundLease(ctx: DomainContext, messageId: number, leasedUntil: Date): Promise<void> {
  await ctx.db
    .update(messages)
    .set({ nextAttemptAt: null, attempts: sql`greatest(${messages.attempts} - 1, 0)` })
    .where(and(eq(messages.id, messageId), eq(messages.status, 'queued'), eq(messages.nextAttemptAt, leasedUntil)));
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
  return row ? announce(ctx, delivery, row) : null;
}

function announce(ctx: DomainContext, delivery: Delivered, row: typeof messages.$inferSelect) {
  const message = presentMessage(row, delivery.message.author_name);
  ctx.bus.publish({ type: 'message.updated', message, assigneeId: delivery.assigneeId });
  return message;
}

export async function markMessageSent(ctx: DomainContext, delivery: Delivered, result: { externalId: string | null; raw?: unknown }) {
  const now = ctx.clock.now();
  const sentRow = { messageId: delivery.message.id, externalId: result.externalId, raw: jsonOrNull(result.raw), now: now.toISOString() };
  const [row] = await writeGrouped(ctx.db, `sent:${delivery.message.id}`, (db) => markQueuedSent(db, sentRow));
  if (row) return announce(ctx, delivery, row);
  const sent = {
    externalId: result.externalId ?? undefined,
    raw: result.raw === undefined ? undefined : result.raw,
    error: null,
    nextAttemptAt: null,
    sentAt: now,
  };
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
