import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { messages, tickets, users } from '../db/schema';
import type { MessageRow, MessageStatus } from '../db/schema';
import type { MessageAttachment } from './attachments';
import type { DomainContext } from './context';
import { presentMessage } from './presenters';
import type { MessageView } from './views';

/** Which statuses a receipt may move a message from: ticks only ever go forward. */
const EARLIER: Record<Exclude<MessageStatus, 'queued'>, MessageStatus[]> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent'],
};

type MessageChange = PgUpdateSetSource<typeof messages>;

interface MessageRef {
  channelId: number;
  /** The channel's id of the message (WhatsApp key.id). */
  externalId: string;
}

/** Applies one change to the message with this external id and tells the ticket's watchers. */
async function change(ctx: DomainContext, ref: MessageRef, set: MessageChange, extra?: SQL) {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(messages)
    .set({ ...set, updatedAt: now })
    .where(and(eq(messages.channelId, ref.channelId), eq(messages.externalId, ref.externalId), extra))
    .returning();
  return row ? announce(ctx, row) : null;
}

async function announce(ctx: DomainContext, row: MessageRow): Promise<MessageView> {
  const [context] = await ctx.db
    .select({ assignee: tickets.assignedAgentId, authorName: users.name })
    .from(messages)
    .leftJoin(tickets, eq(tickets.id, messages.ticketId))
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(eq(messages.id, row.id));
  const message = presentMessage(row, context?.authorName ?? null);
  ctx.bus.publish({ type: 'message.updated', message, assigneeId: context?.assignee ?? null });
  return message;
}

/** A delivery or read receipt, or a refusal, for a message we sent. Never moves backwards. */
export function applyDeliveryStatus(
  ctx: DomainContext,
  ref: MessageRef & { status: Exclude<MessageStatus, 'queued'>; error?: string | null },
) {
  const set: MessageChange = { status: ref.status };
  if (ref.status === 'failed') set.error = ref.error ?? 'WhatsApp refused the message.';
  if (ref.status === 'sent') set.sentAt = ctx.clock.now();
  return change(
    ctx,
    ref,
    set,
    and(eq(messages.direction, 'out'), inArray(messages.status, EARLIER[ref.status])),
  );
}

/** The customer edited their message: the new text shows, the first text is kept. */
export function applyEdit(ctx: DomainContext, ref: MessageRef & { text: string; at: Date }) {
  return change(ctx, ref, {
    originalText: sql`coalesce(${messages.originalText}, ${messages.text})`,
    text: ref.text,
    editedAt: ref.at,
  });
}

/** "Delete for everyone": marked deleted, the text stays readable for the agent. */
export function applyRevoke(ctx: DomainContext, ref: MessageRef & { at: Date }) {
  return change(ctx, ref, { deletedAt: ref.at }, isNull(messages.deletedAt));
}

/** A reaction on a message; an empty emoji takes the reactor's reaction away. */
export function applyReaction(ctx: DomainContext, ref: MessageRef & { reactor: string; emoji: string }) {
  const reactions = ref.emoji
    ? sql`${messages.reactions} || jsonb_build_object(${ref.reactor}::text, ${ref.emoji}::text)`
    : sql`${messages.reactions} - ${ref.reactor}::text`;
  return change(ctx, ref, { reactions });
}

/** The file behind a media message was stored (or could not be). */
export async function updateAttachment(ctx: DomainContext, messageId: number, attachment: MessageAttachment) {
  const [row] = await ctx.db
    .update(messages)
    .set({ media: attachment, updatedAt: ctx.clock.now() })
    .where(eq(messages.id, messageId))
    .returning();
  return row ? announce(ctx, row) : null;
}

/** The stored content of a message, for a channel that must send it again (WhatsApp retries). */
export async function findRawMessage(ctx: DomainContext, ref: MessageRef): Promise<unknown> {
  const [row] = await ctx.db
    .select({ raw: messages.raw })
    .from(messages)
    .where(and(eq(messages.channelId, ref.channelId), eq(messages.externalId, ref.externalId)))
    .limit(1);
  return row?.raw ?? null;
}

/** The stored forms of several messages of a channel (WhatsApp read receipts need their keys). */
export async function findRawMessages(ctx: DomainContext, channelId: number, externalIds: string[]): Promise<unknown[]> {
  if (!externalIds.length) return [];
  const rows = await ctx.db
    .select({ raw: messages.raw })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), inArray(messages.externalId, externalIds)));
  return rows.map((row) => row.raw).filter(Boolean);
}

/** Inbound media of a channel still waiting to be downloaded (after a restart), newest first. */
export async function listPendingMedia(ctx: DomainContext, channelId: number, since: Date) {
  return ctx.db
    .select({ id: messages.id, raw: messages.raw, media: messages.media })
    .from(messages)
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(messages.direction, 'in'),
        sql`${messages.media}->>'status' = 'pending'`,
        sql`${messages.createdAt} >= ${since.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(sql`${messages.id} desc`)
    .limit(200);
}
